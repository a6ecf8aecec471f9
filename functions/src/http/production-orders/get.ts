import { ProductionOrders } from "@medloop/shared";
import { routes } from "../../capabilities/production.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.order, ({ params }) => ProductionOrders.get(params));
