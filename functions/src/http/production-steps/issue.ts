import { MaterialIssues } from "@medloop/shared";
import { routes } from "../../capabilities/production.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.issue, ({ params, body }) =>
  MaterialIssues.issueMaterial({ ...body, ...params }),
);
