import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import type { EventDetail } from "../events/define.ts";
import { type Actor, withActor } from "../tenant/context.ts";
import { Tenants } from "../tenant/index.ts";
import type { TenantKind } from "../tenant/schema.ts";
import type { LinkAccepted, LinkInvited } from "./events.ts";
import { TenantLinkMirror as Mirror, TenantLinks } from "./index.ts";

const M = "lk-mfr";
const P = "lk-partner";
const H = "lk-hosp";
const H2 = "lk-hosp-two";
const admin = (tenantId: string, tenantKind: TenantKind): Actor => ({
  type: "user",
  tenantId,
  tenantKind,
  userId: `admin-${tenantId}`,
  email: `admin@${tenantId}.test`,
  roles: ["admin"],
});
const asM = <R>(f: () => Promise<R>) => withActor(admin(M, "manufacturer"), f);
const asH = <R>(f: () => Promise<R>, tenantId = H) => withActor(admin(tenantId, "hospital"), f);
const mine = (tenantId: string, partnerTenantId: string) =>
  withActor({ type: "system", tenantId, name: "test" }, () => TenantLinks.find(partnerTenantId));

// The events as the bus hands them to the mirror.
const envelope = (tenantId: string) => ({ id: "e", tenantId, occurredAt: new Date().toISOString(), actor: "user:x" });
const invitedEvent = (from: string, to: string, invitedAt: string): EventDetail<typeof LinkInvited> => ({
  ...envelope(from),
  data: { partnerTenantId: to, invitedAt, inviterName: "Link Maker", inviterKind: "manufacturer" },
});
const answer = (from: string, to: string, invitedAt: string): EventDetail<typeof LinkAccepted> => ({
  ...envelope(from),
  data: { partnerTenantId: to, invitedAt },
});

beforeAll(async () => {
  await ensureTestTable();
  const tenants: [string, string, TenantKind][] = [
    [M, "Link Maker", "manufacturer"],
    [P, "Link Partner", "partner"],
    [H, "Link Hospital", "hospital"],
    [H2, "Second Hospital", "hospital"],
  ];
  for (const [tenantId, name, kind] of tenants) {
    await withActor({ type: "system", tenantId, name: "test" }, () =>
      Tenants.create({ name, kind, defaultLocale: "en" }),
    );
  }
});

describe("a tenant link", () => {
  it("is invited only by a manufacturer or partner, only to an existing hospital, once while live", async () => {
    await expect(asM(() => TenantLinks.invite({ partnerTenantId: "lk-nobody" }))).rejects.toMatchObject({
      code: "partner-not-found",
    });
    await expect(asM(() => TenantLinks.invite({ partnerTenantId: P }))).rejects.toMatchObject({
      code: "partner-not-hospital",
    });
    await expect(asM(() => TenantLinks.invite({ partnerTenantId: M }))).rejects.toMatchObject({ code: "link-to-self" });
    await expect(asH(() => TenantLinks.invite({ partnerTenantId: H2 }))).rejects.toMatchObject({
      code: "cannot-invite",
    });
    const invited = await asM(() => TenantLinks.invite({ partnerTenantId: H }));
    expect(invited).toMatchObject({ partnerName: "Link Hospital", side: "inviter", status: "invited" });
    await expect(asM(() => TenantLinks.invite({ partnerTenantId: H }))).rejects.toMatchObject({ code: "link-exists" });
  });

  it("reaches the hospital's side as pending only; the inviter cannot answer it, nor can a stranger", async () => {
    const { invitedAt } = (await mine(M, H))!;
    expect(await Mirror.invited(invitedEvent(M, H, invitedAt))).toBe("applied");
    expect(await Mirror.invited(invitedEvent(M, H, invitedAt))).toBe("unchanged");
    expect(await mine(H, M)).toMatchObject({ side: "invitee", status: "invited", partnerName: "Link Maker" });
    await expect(asM(() => TenantLinks.accept({ partnerTenantId: H }))).rejects.toMatchObject({
      code: "own-invitation",
    });
    await expect(asH(() => TenantLinks.accept({ partnerTenantId: M }), H2)).rejects.toMatchObject({
      code: "link-not-found",
    });
    // An "accepted" sent from the inviter's side never makes the hospital's side accepted.
    expect(await Mirror.answered(answer(M, H, invitedAt), "accepted")).toBe("unchanged");
    expect((await mine(H, M))!.status).toBe("invited");
  });

  it("refused with a reason, then invited again: a new round the hospital accepts; stale news of the old one is ignored", async () => {
    const first = (await mine(H, M))!.invitedAt;
    const refused = await asH(() => TenantLinks.refuse({ partnerTenantId: M, reason: "no contract yet" }));
    expect(refused).toMatchObject({ status: "refused", reason: "no contract yet", changedByTenantId: H });
    expect(
      await Mirror.answered(
        { ...answer(H, M, first), data: { ...answer(H, M, first).data, reason: "no contract yet" } },
        "refused",
      ),
    ).toBe("applied");
    expect(await mine(M, H)).toMatchObject({ status: "refused", reason: "no contract yet", statusByTenantId: H });

    const again = await asM(() => TenantLinks.invite({ partnerTenantId: H }));
    expect(again.invitedAt > first).toBe(true);
    expect(await Mirror.invited(invitedEvent(M, H, again.invitedAt))).toBe("applied");
    // A late copy of the first invitation does not reopen the old round.
    expect(await Mirror.invited(invitedEvent(M, H, first))).toBe("unchanged");
    const accepted = await asH(() => TenantLinks.accept({ partnerTenantId: M }));
    expect(accepted).toMatchObject({ status: "accepted", reason: null });
    expect(await Mirror.answered(answer(H, M, again.invitedAt), "accepted")).toBe("applied");
    expect(await mine(M, H)).toMatchObject({ status: "accepted", invitedAt: again.invitedAt });
    // A revocation of the old round (a late event) leaves the accepted link alone.
    const stale = { ...answer(M, H, first), data: { ...answer(M, H, first).data, reason: "old" } };
    expect(await Mirror.answered(stale, "revoked")).toBe("unchanged");
    expect((await mine(H, M))!.status).toBe("accepted");
  });

  it("revoked by either side reaches the other; a revoked link cannot be revoked again", async () => {
    const { invitedAt } = (await mine(M, H))!;
    const revoked = await asM(() => TenantLinks.revoke({ partnerTenantId: H, reason: "recall of the contract" }));
    expect(revoked).toMatchObject({ status: "revoked", reason: "recall of the contract" });
    const news = { ...answer(M, H, invitedAt), data: { ...answer(M, H, invitedAt).data, reason: "recall" } };
    expect(await Mirror.answered(news, "revoked")).toBe("applied");
    expect(await mine(H, M)).toMatchObject({ status: "revoked", statusByTenantId: M });
    await expect(asH(() => TenantLinks.revoke({ partnerTenantId: M, reason: "again" }))).rejects.toMatchObject({
      code: "link-not-live",
    });
    expect((await asH(() => TenantLinks.list())).map((l) => [l.partnerTenantId, l.status])).toEqual([[M, "revoked"]]);
  });
});
