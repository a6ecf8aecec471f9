import { PurchaseOrders } from "@medloop/shared";
import { routes } from "../../capabilities/procurement.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.close, ({ params, body }) => PurchaseOrders.close({ ...params, ...body }));
