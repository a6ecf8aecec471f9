import { PurchaseOrders } from "@medloop/shared";
import { routes } from "../../capabilities/procurement.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.create, ({ body }) => PurchaseOrders.create(body));
