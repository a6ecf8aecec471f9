import { Users } from "@medloop/shared";
import { routes } from "../../capabilities/tenant-admin.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.listPeople, async () => ({ items: await Users.people() }));
