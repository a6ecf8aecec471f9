import { BatchReleases } from "@medloop/shared";
import { routes } from "../../capabilities/production.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.release, ({ params, body }) =>
  BatchReleases.releaseBatch({ ...body, ...params }),
);
