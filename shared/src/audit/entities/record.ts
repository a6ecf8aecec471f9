import { defineEntity } from "../../db/entity.ts";
import { tenantKey } from "../../db/keys.ts";

/** Records per chain partition: a tenant's trail grows without bound, one partition must not. */
export const BUCKET_SIZE = 1000;
export const bucketOf = (seq: number) => Math.floor(seq / BUCKET_SIZE);

/**
 * One link of a tenant's audit chain: one committed change of one domain record, with its
 * field-level before/after, who, when and why, and the hash that ties it to the link before.
 */
export const AuditRecordEntity = defineEntity({
  model: { entity: "auditRecord", version: "1", service: "medloop" },
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    bucket: { type: "number", required: true, readOnly: true },
    // Zero-padded in the keys so that the sort order is the chain order.
    seq: { type: "number", required: true, readOnly: true, padding: { length: 12, char: "0" } },
    entityType: { type: "string", required: true, readOnly: true },
    entityKey: { type: "string", required: true, readOnly: true },
    operation: { type: ["create", "update", "delete"] as const, required: true, readOnly: true },
    actor: { type: "string", required: true, readOnly: true },
    at: { type: "string", required: true, readOnly: true },
    reason: { type: "string", readOnly: true },
    correlationId: { type: "string", readOnly: true },
    // Only ever true (a change that bypassed the commit path); absent otherwise, as in the hash.
    unattributed: { type: "boolean", readOnly: true },
    // Canonical JSON of `[{ field, before, after }]`: stored as text so that what is hashed is what is read back.
    changes: { type: "string", required: true, readOnly: true },
    // The stream record it came from, so a redelivered record can be recognised.
    eventId: { type: "string", required: true, readOnly: true },
    sequenceNumber: { type: "string", required: true, readOnly: true },
    prevHash: { type: "string", required: true, readOnly: true },
    hash: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    // A tenant's chain in order, bucket by bucket
    chain: {
      pk: {
        field: "pk",
        composite: ["tenantId", "bucket"],
        template: tenantKey("audit#${bucket}"),
        casing: "none",
      },
      sk: { field: "sk", composite: ["seq"], template: "seq#${seq}", casing: "none" },
    },
    // History of one record, oldest change first
    history: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "entityKey"],
        template: tenantKey("audit-of#${entityKey}"),
        casing: "none",
      },
      sk: { field: "gsi1sk", composite: ["seq"], template: "seq#${seq}", casing: "none" },
    },
  },
});
