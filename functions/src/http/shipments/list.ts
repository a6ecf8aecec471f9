import { Shipments } from "@medloop/shared";
import { routes } from "../../capabilities/shipping.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.listShipments, ({ query }) => Shipments.list(query));
