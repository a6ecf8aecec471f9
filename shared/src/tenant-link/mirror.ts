import { commit } from "../db/commit.ts";
import { DomainError } from "../errors/index.ts";
import type { EventDetail } from "../events/define.ts";
import { useTenantId, withScope } from "../tenant/context.ts";
import { getTenant } from "../tenant/tenants.ts";
import type { LinkAccepted, LinkInvited, LinkRefused, LinkRevoked } from "./events.ts";
import { INVITEE_KIND, type LinkStatus } from "./schema.ts";

export type MirrorOutcome = "applied" | "unchanged";

/** A mirrored write that lost to a later round or status: the partner's side already says more. */
class Stale extends Error {}

/**
 * Brings the partner's side of a link in line with a change the other side committed, running as
 * the partner (its partition, and in AWS its credentials: a transaction cannot span two tenants'
 * keys). What the mirror may write is narrow, so the other side cannot decide for the partner:
 * an invitation only ever becomes `invited` on the hospital's side (never `accepted`), and an
 * answer or revocation applies only to the round (`invitedAt`) it was given in.
 */
const asPartner = <T>(
  detail: { tenantId: string; correlationId?: string; data: { partnerTenantId: string } },
  why: string,
  f: () => Promise<T>,
) =>
  withScope(
    {
      actor: { type: "system", tenantId: detail.data.partnerTenantId, name: "tenant-links" },
      reason: `${detail.tenantId} ${why}`,
      correlationId: detail.correlationId,
    },
    f,
  );

async function guarded(write: Parameters<typeof commit>[0]["writes"]): Promise<MirrorOutcome> {
  try {
    await commit({ writes: write, result: null, conditionFailed: () => new Stale() });
    return "applied";
  } catch (e) {
    if (e instanceof Stale) return "unchanged";
    throw e;
  }
}

/** An invitation: the hospital's side shows it pending, unless that side already holds this round or a later one. */
export function invited(detail: EventDetail<typeof LinkInvited>): Promise<MirrorOutcome> {
  const { invitedAt, inviterName, inviterKind } = detail.data;
  return asPartner(detail, "invited", async () => {
    const me = await getTenant().catch((e: unknown) => {
      if (e instanceof DomainError && e.kind === "not-found") return undefined;
      throw e;
    });
    if (me?.kind !== INVITEE_KIND) return "unchanged";
    const tenantId = useTenantId();
    return guarded((e) => [
      e.tenantLink
        .put({
          tenantId,
          partnerTenantId: detail.tenantId,
          partnerName: inviterName,
          partnerKind: inviterKind,
          side: "invitee",
          status: "invited",
          invitedAt,
          statusAt: detail.occurredAt,
          statusByTenantId: detail.tenantId,
        })
        .where((a, op) => `${op.notExists(a.invitedAt)} OR ${op.lt(a.invitedAt, invitedAt)}`)
        .commit(),
    ]);
  });
}

type Answer = EventDetail<typeof LinkAccepted> | EventDetail<typeof LinkRefused> | EventDetail<typeof LinkRevoked>;

/**
 * An answer (accepted, refused) reaches the inviter's pending side; a revocation reaches either
 * side while the link is live. Both only within the same round.
 */
export function answered(detail: Answer, status: Exclude<LinkStatus, "invited">): Promise<MirrorOutcome> {
  const { partnerTenantId, invitedAt } = detail.data;
  const reason = "reason" in detail.data ? detail.data.reason : undefined;
  const from: LinkStatus[] = status === "revoked" ? ["invited", "accepted"] : ["invited"];
  return asPartner(detail, reason ? `${status}: ${reason}` : status, () =>
    guarded((e) => [
      e.tenantLink
        .patch({ tenantId: partnerTenantId, partnerTenantId: detail.tenantId })
        .set({ status, statusAt: detail.occurredAt, statusByTenantId: detail.tenantId, ...(reason && { reason }) })
        .where(
          (a, op) =>
            `${op.eq(a.invitedAt, invitedAt)} AND (${from.map((s) => op.eq(a.status, s)).join(" OR ")})${
              status === "revoked" ? "" : ` AND ${op.eq(a.side, "inviter")}`
            }`,
        )
        .commit(),
    ]),
  );
}
