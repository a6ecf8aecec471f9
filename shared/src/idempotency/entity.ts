import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";
import { TTL_ATTRIBUTE } from "../db/table.ts";

/**
 * The first answer to a create, stored in the create's own transaction. A retry with the same
 * key finds it (the transaction's condition fails) and gets the stored answer; nothing new is written.
 */
export const IdempotencyEntity = defineEntity({
  model: { entity: "idempotency", version: "1", service: "medloop" },
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    key: { type: "string", required: true, readOnly: true },
    requestHash: { type: "string", required: true },
    response: { type: "string", required: true },
    [TTL_ATTRIBUTE]: { type: "number", required: true },
  },
  indexes: {
    byKey: {
      pk: { field: "pk", composite: ["tenantId", "key"], template: tenantKey("idem#${key}"), casing: "none" },
      sk: { field: "sk", composite: [], template: "idem", casing: "none" },
    },
  },
});
