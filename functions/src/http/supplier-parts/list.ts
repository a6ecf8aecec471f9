import { SupplierParts } from "@medloop/shared";
import { routes } from "../../capabilities/procurement.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.supplierParts, ({ query }) =>
  SupplierParts.list(query).then((items) => ({ items })),
);
