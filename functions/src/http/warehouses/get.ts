import { Warehouses } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.getWarehouse, ({ params }) => Warehouses.get(params));
