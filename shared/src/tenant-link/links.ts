import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, DomainError, notFound, unprocessable } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { useTenantId, withActor } from "../tenant/context.ts";
import type { TenantInfo } from "../tenant/schema.ts";
import { getTenant } from "../tenant/tenants.ts";
import { fn } from "../util/fn.ts";
import { LinkAccepted, LinkInvited, LinkRefused, LinkRevoked } from "./events.ts";
import {
  DecisionReason,
  INVITEE_KIND,
  INVITER_KINDS,
  InviteInput,
  type LinkStatus,
  PartnerKey,
  type TenantLink,
} from "./schema.ts";

export * from "./schema.ts";

export type LinkItem = Omit<TenantLink, "changedAt" | "changedByTenantId" | "reason"> & {
  tenantId: string;
  statusAt: string;
  statusByTenantId: string;
  reason?: string;
};

export const toLink = (i: LinkItem): TenantLink => ({
  partnerTenantId: i.partnerTenantId,
  partnerName: i.partnerName,
  partnerKind: i.partnerKind,
  side: i.side,
  status: i.status,
  invitedAt: i.invitedAt,
  changedAt: i.statusAt,
  changedByTenantId: i.statusByTenantId,
  reason: i.reason ?? null,
});

/** This organisation's side of its link with a partner, from its own partition only. */
export async function find(partnerTenantId: string): Promise<LinkItem | undefined> {
  const { data } = await Db.entities.tenantLink
    .get({ tenantId: useTenantId(), partnerTenantId })
    .go({ consistent: true });
  return (data as LinkItem | null) ?? undefined;
}

/** The organisation's links, by partner name. */
export async function list(): Promise<TenantLink[]> {
  const { data } = await Db.entities.tenantLink.query.byPartner({ tenantId: useTenantId() }).go({ pages: "all" });
  return (data as LinkItem[]).map(toLink).sort((a, b) => a.partnerName.localeCompare(b.partnerName));
}

/** The status of each of the organisation's links, by partner: one query for a whole list of shipments. */
export async function statuses(): Promise<ReadonlyMap<string, LinkStatus>> {
  return new Map((await list()).map((l) => [l.partnerTenantId, l.status]));
}

/** Another organisation's name and kind, read as that organisation: its record lies in its own partition. */
async function partnerTenant(partnerTenantId: string): Promise<TenantInfo> {
  return withActor({ type: "system", tenantId: partnerTenantId, name: "tenant-links" }, getTenant).catch(
    (e: unknown) => {
      if (e instanceof DomainError && e.kind === "not-found") {
        throw notFound("partner-not-found", `No organisation ${partnerTenantId} on MedLoop`);
      }
      throw e;
    },
  );
}

const WHY_NOT_RECEIVED: Record<Exclude<LinkStatus, "accepted"> | "none", string> = {
  none: "your organisation has no link with it (invite it under Linked organisations)",
  invited: "it has not yet accepted your invitation to link",
  refused: "it refused your invitation to link",
  revoked: "the link with it was revoked",
};

/**
 * What a sender is told about a shipment to a hospital it is not linked with: the shipment itself
 * (paper delivery) goes ahead, but the hospital's MedLoop will not receive the devices.
 */
export function notReceivedNotice(partnerName: string, status: LinkStatus | "none"): string | null {
  if (status === "accepted") return null;
  return `${partnerName}'s MedLoop will not receive these devices: ${WHY_NOT_RECEIVED[status]}. The shipment and its paper delivery are not affected.`;
}

const live = (s: LinkStatus) => s === "invited" || s === "accepted";

/**
 * A manufacturer or service partner invites a hospital to link. A refused or revoked link may be
 * invited again: that starts a new round (a new `invitedAt`), which the hospital answers afresh.
 */
export const invite = fn(InviteInput, async ({ partnerTenantId }): Promise<TenantLink> => {
  const tenantId = useTenantId();
  const me = await getTenant();
  if (!(INVITER_KINDS as readonly string[]).includes(me.kind)) {
    throw unprocessable("cannot-invite", "Only a manufacturer or a service partner invites a hospital to link");
  }
  if (partnerTenantId === tenantId) throw unprocessable("link-to-self", "An organisation cannot link with itself");
  const [partner, existing] = await Promise.all([partnerTenant(partnerTenantId), find(partnerTenantId)]);
  if (partner.kind !== INVITEE_KIND) {
    throw unprocessable("partner-not-hospital", `${partner.name} is a ${partner.kind}: only hospitals are invited`);
  }
  if (existing && live(existing.status)) {
    throw conflict("link-exists", `The link with ${partner.name} is already ${existing.status}`);
  }
  const now = nowIso();
  const item: LinkItem = {
    tenantId,
    partnerTenantId,
    partnerName: partner.name,
    partnerKind: partner.kind,
    side: "inviter",
    status: "invited",
    invitedAt: now,
    statusAt: now,
    statusByTenantId: tenantId,
  };
  return commit({
    writes: (e) => [
      e.tenantLink
        .put(item)
        .where((a, op) =>
          existing
            ? `${op.eq(a.status, existing.status)} AND ${op.eq(a.invitedAt, existing.invitedAt)}`
            : op.notExists(a.status),
        )
        .commit(),
    ],
    events: [emit(LinkInvited, { partnerTenantId, invitedAt: now, inviterName: me.name, inviterKind: me.kind })],
    result: toLink(item),
    conditionFailed: () => conflict("concurrent-change", "The link changed at the same time; reload and retry"),
  });
});

/** This side's link with a partner, or 404. */
async function load(partnerTenantId: string): Promise<LinkItem> {
  const link = await find(partnerTenantId);
  if (!link) throw notFound("link-not-found", "Your organisation has no link with that organisation");
  return link;
}

/** Change this side's status, guarded on the status and round it was read in, and tell the partner's side. */
function change(link: LinkItem, status: LinkStatus, reason?: string): Promise<TenantLink> {
  const tenantId = useTenantId();
  const now = nowIso();
  const after: LinkItem = { ...link, status, statusAt: now, statusByTenantId: tenantId, reason };
  const news = { partnerTenantId: link.partnerTenantId, invitedAt: link.invitedAt };
  return commit({
    writes: (e) => [
      e.tenantLink
        .patch({ tenantId, partnerTenantId: link.partnerTenantId })
        .set({ status, statusAt: now, statusByTenantId: tenantId, ...(reason && { reason }) })
        .where((a, op) => `${op.eq(a.status, link.status)} AND ${op.eq(a.invitedAt, link.invitedAt)}`)
        .commit(),
    ],
    events: [
      status === "accepted"
        ? emit(LinkAccepted, news)
        : status === "refused"
          ? emit(LinkRefused, { ...news, reason: reason ?? "" })
          : emit(LinkRevoked, { ...news, reason: reason ?? "" }),
    ],
    result: toLink(after),
    conditionFailed: () => conflict("concurrent-change", "The link changed at the same time; reload and retry"),
  });
}

/** The invited organisation answers; the inviter cannot answer its own invitation. */
async function pending(partnerTenantId: string): Promise<LinkItem> {
  const link = await load(partnerTenantId);
  if (link.side !== "invitee") {
    throw unprocessable("own-invitation", `Only ${link.partnerName} can answer the invitation your organisation sent`);
  }
  if (link.status !== "invited") {
    throw conflict("link-not-pending", `The link with ${link.partnerName} is ${link.status}: no invitation to answer`);
  }
  return link;
}

export const accept = fn(PartnerKey, async ({ partnerTenantId }) => change(await pending(partnerTenantId), "accepted"));

export const refuse = fn(PartnerKey.extend(DecisionReason.shape), async ({ partnerTenantId, reason }) =>
  change(await pending(partnerTenantId), "refused", reason),
);

/** Either side ends a link (or withdraws an invitation): nothing new is shared from then on. */
export const revoke = fn(PartnerKey.extend(DecisionReason.shape), async ({ partnerTenantId, reason }) => {
  const link = await load(partnerTenantId);
  if (!live(link.status)) {
    throw conflict("link-not-live", `The link with ${link.partnerName} is already ${link.status}`);
  }
  return change(link, "revoked", reason);
});
