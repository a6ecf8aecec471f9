import { Certificates } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.listSupplierCertificates, async ({ params }) => ({
  items: await Certificates.list(params),
}));
