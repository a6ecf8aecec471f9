import { SecurityAlerts } from "@medloop/shared";
import { tenantAdmin } from "@medloop/shared/contracts/tenant-admin";
import { implement } from "../lib/implement.ts";

export const handler = implement(tenantAdmin.resources.securityAlerts, {
  listSecurityAlerts: async ({ query }) => ({ items: await SecurityAlerts.list(query) }),
});
