import { defineEntity } from "../../db/entity.ts";
import { tenantKey } from "../../db/keys.ts";
import { TTL_ATTRIBUTE } from "../../db/table.ts";

/**
 * "This stream record is in the chain." Written with the record it produced and conditioned on
 * not existing, so a stream record delivered twice (a retried batch, a replay) is appended once.
 * It only has to outlive the stream's retention (24 hours), after which no redelivery can come.
 */
export const AuditAppliedEntity = defineEntity({
  model: { entity: "auditApplied", version: "1", service: "medloop" },
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    eventId: { type: "string", required: true, readOnly: true },
    seq: { type: "number", required: true, readOnly: true },
    [TTL_ATTRIBUTE]: { type: "number", required: true },
  },
  indexes: {
    byEvent: {
      pk: {
        field: "pk",
        composite: ["tenantId", "eventId"],
        template: tenantKey("audit-applied#${eventId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "applied", casing: "none" },
    },
  },
});
