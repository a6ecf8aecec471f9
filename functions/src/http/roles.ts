import { listRoles } from "@medloop/shared";
import { tenantAdmin } from "@medloop/shared/contracts/tenant-admin";
import { implement } from "../lib/implement.ts";

export const handler = implement(tenantAdmin.resources.roles, {
  listRoles: () => listRoles(),
});
