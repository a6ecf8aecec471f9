import { Operations } from "@medloop/shared";
import { routes } from "../../capabilities/production.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.report, ({ params, body }) => Operations.report({ ...body, ...params }));
