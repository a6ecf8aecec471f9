import { z } from "zod";
import { Reason, TenantId, TenantKind } from "../tenant/schema.ts";

/**
 * SEC-3: a link between two organisations that both agreed to it. A manufacturer or service partner
 * invites a hospital; the hospital's admin accepts or refuses; either side may revoke. Only an
 * accepted link lets shipments reach the hospital's installed base.
 */
export const LinkStatus = z.enum(["invited", "accepted", "refused", "revoked"]);
export type LinkStatus = z.infer<typeof LinkStatus>;

/** Which side of the link this organisation is on: the inviter cannot accept its own invitation. */
export const LinkSide = z.enum(["inviter", "invitee"]);
export type LinkSide = z.infer<typeof LinkSide>;

/** The kinds that may invite, and the kind they invite. */
export const INVITER_KINDS = ["manufacturer", "partner"] as const satisfies readonly TenantKind[];
export const INVITEE_KIND = "hospital" satisfies TenantKind;

/** A link as one side sees it, from its own partition. */
export const TenantLink = z.object({
  partnerTenantId: TenantId,
  partnerName: z.string(),
  partnerKind: TenantKind,
  side: LinkSide,
  status: LinkStatus,
  /** When the invitation was made: it names this round of the link on both sides. */
  invitedAt: z.string(),
  /** The last change of status: when, by which organisation (this one or the partner), and why. */
  changedAt: z.string(),
  changedByTenantId: z.string(),
  reason: z.string().nullable(),
});
export type TenantLink = z.infer<typeof TenantLink>;

export const PartnerKey = z.object({ partnerTenantId: TenantId });
export const InviteInput = PartnerKey.strict();
export const DecisionReason = z.object({ reason: Reason }).strict();
