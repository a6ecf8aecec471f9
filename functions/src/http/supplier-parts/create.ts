import { SupplierParts } from "@medloop/shared";
import { routes } from "../../capabilities/procurement.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.createSupplierPart, ({ body }) => SupplierParts.create(body));
