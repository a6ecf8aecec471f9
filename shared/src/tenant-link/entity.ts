import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";

/**
 * One side of a link between two organisations, in THAT side's partition: each reads only its own
 * record, so the hospital's consent is what the hospital's partition says, and no other tenant can
 * write it (its side changes by its admin, or by the mirror running as the hospital: mirror.ts).
 * `invitedAt` names the round of the link; a mirrored change applies only to the same round.
 */
export const TenantLinkEntity = defineEntity({
  model: { entity: "tenantLink", version: "1", service: "medloop" },
  attributes: {
    ...changeAttributes,
    partnerTenantId: { type: "string", required: true, readOnly: true },
    partnerName: { type: "string", required: true },
    partnerKind: { type: ["manufacturer", "hospital", "partner"] as const, required: true },
    side: { type: ["inviter", "invitee"] as const, required: true },
    status: { type: ["invited", "accepted", "refused", "revoked"] as const, required: true },
    invitedAt: { type: "string", required: true },
    statusAt: { type: "string", required: true },
    statusByTenantId: { type: "string", required: true },
    reason: { type: "string" },
  },
  indexes: {
    // The organisation's links, by partner: the admin page lists them, a shipment looks one up
    byPartner: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("links"), casing: "none" },
      sk: { field: "sk", composite: ["partnerTenantId"], template: "link#${partnerTenantId}", casing: "none" },
    },
  },
});
