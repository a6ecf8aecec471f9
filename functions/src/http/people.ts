import { Users } from "@medloop/shared";
import { tenantAdmin } from "@medloop/shared/contracts/tenant-admin";
import { implement } from "../lib/implement.ts";

export const handler = implement(tenantAdmin.resources.people, {
  listPeople: async () => ({ items: await Users.people() }),
});
