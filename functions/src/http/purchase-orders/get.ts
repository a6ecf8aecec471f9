import { PurchaseOrders } from "@medloop/shared";
import { routes } from "../../capabilities/procurement.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.get, ({ params }) => PurchaseOrders.get(params));
