import { z } from "zod";
import { defineEvent } from "../events/define.ts";
import { TenantKind } from "../tenant/schema.ts";

/**
 * A change to one side of a link, emitted in the acting organisation's tenant (the envelope's
 * `tenantId`); the mirror (mirror.ts) brings the partner's side in line, as the partner.
 */
const Change = z.object({ partnerTenantId: z.string(), invitedAt: z.string() });

export const LinkInvited = defineEvent(
  "TenantLink.Invited",
  1,
  Change.extend({ inviterName: z.string(), inviterKind: TenantKind }),
);
export const LinkAccepted = defineEvent("TenantLink.Accepted", 1, Change);
export const LinkRefused = defineEvent("TenantLink.Refused", 1, Change.extend({ reason: z.string() }));
export const LinkRevoked = defineEvent("TenantLink.Revoked", 1, Change.extend({ reason: z.string() }));
