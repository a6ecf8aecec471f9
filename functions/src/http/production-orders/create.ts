import { ProductionOrders } from "@medloop/shared";
import { routes } from "../../capabilities/production.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.createOrder, ({ body }) => ProductionOrders.create(body));
