import { Suppliers } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.SupplierVersions, async ({ params }) => ({
  items: await Suppliers.versions(params),
}));
