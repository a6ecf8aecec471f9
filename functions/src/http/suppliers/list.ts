import { Suppliers } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.listSuppliers, async () => ({ items: await Suppliers.list() }));
