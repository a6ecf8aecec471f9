import { IncomingInspection } from "@medloop/shared";
import { routes } from "../../capabilities/procurement.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.inspect, ({ params, body }) =>
  IncomingInspection.inspect({ ...params, ...body }),
);
