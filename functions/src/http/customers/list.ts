import { Customers } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.listCustomers, async () => ({ items: await Customers.list() }));
