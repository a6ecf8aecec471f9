import { ProcessRoutes } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.listRoutes, async ({ params }) => ({ items: await ProcessRoutes.list(params) }));
