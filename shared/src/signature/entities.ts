import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";

const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

/**
 * An electronic signature, stored in the transaction of the act it signs (21 CFR 11.70: a
 * signature cannot be excised from its record). Created only; the signatures of one record
 * (`purchase-order/<id>`) share a partition, in the order they were given.
 */
export const SignatureEntity = defineEntity({
  model: model("signature"),
  attributes: {
    ...changeAttributes,
    signatureId: { type: "string", required: true, readOnly: true },
    record: { type: "string", required: true, readOnly: true },
    subject: { type: "string", required: true, readOnly: true },
    signerId: { type: "string", required: true, readOnly: true },
    signerName: { type: "string", required: true, readOnly: true },
    signerEmail: { type: "string", required: true, readOnly: true },
    meaning: { type: "string", required: true, readOnly: true },
    statement: { type: "string", readOnly: true },
    contentHash: { type: "string", readOnly: true },
    signedAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    // The signatures of one record, oldest first
    byRecord: {
      pk: { field: "pk", composite: ["tenantId", "record"], template: tenantKey("sig#${record}"), casing: "none" },
      sk: {
        field: "sk",
        composite: ["signedAt", "signatureId"],
        template: "at#${signedAt}#${signatureId}",
        casing: "none",
      },
    },
  },
});
