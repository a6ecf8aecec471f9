import { InProcessQuality } from "@medloop/shared";
import { routes } from "../../capabilities/production.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.disposition, ({ params, body }) =>
  InProcessQuality.disposition({ ...body, ...params }),
);
