import { Certificates } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.listCertificates, async () => ({ items: await Certificates.list({}) }));
