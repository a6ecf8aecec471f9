import { defineEntity } from "../../db/entity.ts";
import { tenantKey } from "../../db/keys.ts";

/**
 * The platform's list of tenants that have an audit chain, so the daily anchor export can find
 * every chain head without a scan. It lives under the platform's own key prefix (`tenantId` is
 * always PLATFORM_TENANT) and is written once per tenant, when its chain starts.
 */
export const PLATFORM_TENANT = "_platform";

export const AuditTenantEntity = defineEntity({
  model: { entity: "auditTenant", version: "1", service: "medloop" },
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    auditedTenantId: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    // Every audited tenant, by id
    byPlatform: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("audit-tenants"), casing: "none" },
      sk: { field: "sk", composite: ["auditedTenantId"], template: "tenant#${auditedTenantId}", casing: "none" },
    },
  },
});
