import { Users } from "@medloop/shared";
import { routes } from "../../capabilities/tenant-admin.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.listUsers, async () => ({ items: await Users.list() }));
