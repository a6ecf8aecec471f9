import { defineEntity } from "../../db/entity.ts";
import { tenantKey } from "../../db/keys.ts";

/**
 * The end of a tenant's audit chain. Every append moves it with a condition on the seq it had,
 * in the same transaction as the new records, so two appenders can never fork the chain.
 */
export const AuditHeadEntity = defineEntity({
  model: { entity: "auditHead", version: "1", service: "medloop" },
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    seq: { type: "number", required: true },
    hash: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("audit-head"), casing: "none" },
      sk: { field: "sk", composite: [], template: "head", casing: "none" },
    },
  },
});
