import { Shipments } from "@medloop/shared";
import { routes } from "../../capabilities/shipping.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.dispatch, ({ params }) => Shipments.dispatch(params));
