import { Suppliers } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.updateSupplier, ({ params, body }) => Suppliers.update({ ...params, ...body }));
