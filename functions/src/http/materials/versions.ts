import { Materials } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.MaterialVersions, async ({ params }) => ({
  items: await Materials.versions(params),
}));
