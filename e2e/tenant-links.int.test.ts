import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../test/eventually.ts";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";

/**
 * SEC-3 through the whole platform: links agreed by both sides (the API, the outbox, the bus and the
 * mirror writing the partner's side as the partner), and shipments reaching a hospital's installed
 * base only through a link it accepted.
 */
let p: TestPlatform;
let acme: string;
let warehouse: string;
let city: string;
let river: string;
let riverBiomed: string;
let fixit: string;
let pump: { productId: string };
let riverCustomer: string;

beforeAll(async () => {
  p = await startTestPlatform({ seed: "demo" });
  [acme, warehouse, city, river, riverBiomed, fixit] = await Promise.all([
    p.login("acme-med", "admin@acme-med.test"),
    p.login("acme-med", "warehouse@acme-med.test"),
    p.login("city-hospital", "admin@city-hospital.test"),
    p.login("river-hospital", "admin@river-hospital.test"),
    p.login("river-hospital", "biomed-engineer@river-hospital.test"),
    p.login("fixit-service", "admin@fixit-service.test"),
  ]);
  pump = (await get("/v1/products", warehouse)).body.items.find((x: { code: string }) => x.code === "IP-200");
  riverCustomer = (await get("/v1/customers", warehouse)).body.items.find(
    (c: { tenantRef?: string }) => c.tenantRef === "river-hospital",
  ).customerId;
});
afterAll(() => p?.stop());

const get = (path: string, token: string) => p.call("GET", path, { token });
const post = (path: string, token: string, body: unknown = {}) => p.call("POST", path, { token, body });

type Link = { partnerTenantId: string; status: string; side: string; reason: string | null; invitedAt: string };
const linkOf = async (token: string, partner: string): Promise<Link | undefined> =>
  (await get("/v1/tenant-links", token)).body.items.find((l: Link) => l.partnerTenantId === partner);
/** Wait until the mirror has brought one side to `status`. */
const linkBecomes = (token: string, partner: string, status: string) =>
  eventually(`the link with ${partner} ${status}`, async () => {
    const link = await linkOf(token, partner);
    return link?.status === status ? link : undefined;
  });

/** A shipment of one pump to River Children's, dispatched: the answers of create and dispatch. */
async function shipPumpToRiver(serialNo: string) {
  const created = await post("/v1/shipments", warehouse, {
    customerId: riverCustomer,
    reference: `SO-LINK-${serialNo}`,
  });
  expect(created.status).toBe(201);
  const id = created.body.shipmentId as string;
  expect((await post(`/v1/shipments/${id}/lines`, warehouse, { productId: pump.productId, serialNo })).status).toBe(
    201,
  );
  const dispatched = await post(`/v1/shipments/${id}/dispatch`, warehouse);
  expect(dispatched.status).toBe(200);
  return { created: created.body, dispatched: dispatched.body };
}
const riverHas = async (serialNo: string) =>
  (await get(`/v1/installed-base?serial=${serialNo}`, riverBiomed)).body.items.length > 0;

describe("links between organisations", () => {
  it("the demo's hospitals accepted the manufacturer's invitation on onboarding day, as both sides see it", async () => {
    const mine = (await get("/v1/tenant-links", acme)).body.items as Link[];
    expect(mine.map((l) => [l.partnerTenantId, l.side, l.status])).toEqual([
      ["city-hospital", "inviter", "accepted"],
      ["river-hospital", "inviter", "accepted"],
    ]);
    expect(mine.every((l) => l.invitedAt.startsWith("2025-11-03"))).toBe(true);
    expect(await linkOf(city, "acme-med")).toMatchObject({ side: "invitee", status: "accepted" });
  });

  it("a hospital that revokes the link receives nothing from the next shipment, and the manufacturer is told so", async () => {
    const revoked = await post("/v1/tenant-links/acme-med/revoke", river, { reason: "service contract ended" });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: "revoked", reason: "service contract ended" });
    await linkBecomes(acme, "river-hospital", "revoked");

    const { created, dispatched } = await shipPumpToRiver("IP200-2602-0002");
    for (const answer of [created, dispatched]) {
      expect(answer.custodianLink).toBe("revoked");
      expect(answer.installedBaseNotice).toBe(
        "Riverside Children's Hospital's MedLoop will not receive these devices: the link with it was revoked. The shipment and its paper delivery are not affected.",
      );
    }
    await p.settled();
    expect(await riverHas("IP200-2602-0002")).toBe(false);
    // Revoking again is refused: the link is no longer live.
    const again = await post("/v1/tenant-links/river-hospital/revoke", acme, { reason: "twice" });
    expect([again.status, again.body.error.code]).toEqual([409, "link-not-live"]);
  });

  it("invited again: only the hospital answers, no stranger acts on the link, and once accepted the devices reach it, those sent before too", async () => {
    const invited = await post("/v1/tenant-links", acme, { partnerTenantId: "river-hospital" });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      side: "inviter",
      status: "invited",
      partnerName: "Riverside Children's Hospital",
    });
    const twice = await post("/v1/tenant-links", acme, { partnerTenantId: "river-hospital" });
    expect([twice.status, twice.body.error.code]).toEqual([409, "link-exists"]);

    // The hospital sees it pending
    expect(await linkBecomes(river, "acme-med", "invited")).toMatchObject({ side: "invitee" });
    // The inviter cannot accept its own invitation; a third organisation has no such link
    const own = await post("/v1/tenant-links/river-hospital/accept", acme);
    expect([own.status, own.body.error.code]).toEqual([422, "own-invitation"]);
    for (const [token, partner] of [
      [fixit, "acme-med"],
      [city, "river-hospital"],
      [fixit, "river-hospital"],
    ] as const) {
      const stranger = await post(`/v1/tenant-links/${partner}/accept`, token);
      expect([stranger.status, stranger.body.error.code]).toEqual([404, "link-not-found"]);
    }
    // A shipment while the invitation is pending reaches nobody
    const pending = await shipPumpToRiver("IP200-2602-0003");
    expect(pending.dispatched.installedBaseNotice).toContain("it has not yet accepted your invitation to link");
    await p.settled();
    expect(await riverHas("IP200-2602-0003")).toBe(false);

    const accepted = await post("/v1/tenant-links/acme-med/accept", river);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "accepted", changedByTenantId: "river-hospital" });
    await linkBecomes(acme, "river-hospital", "accepted");
    const linked = await shipPumpToRiver("IP200-2602-0004");
    expect(linked.dispatched).toMatchObject({ custodianLink: "accepted", installedBaseNotice: null });
    await eventually("the pump in River Children's installed base", async () =>
      (await riverHas("IP200-2602-0004")) ? true : undefined,
    );
    // The pump sent while the invitation was pending reached River with the acceptance, not before
    expect(await riverHas("IP200-2602-0003")).toBe(true);
  });

  it("a second manufacturer's monitors, delivered before City General answered, reach it when it accepts, beside Acme's", async () => {
    const [pulse, cityBiomed] = await Promise.all([
      p.login("pulse-medical", "warehouse@pulse-medical.test"),
      p.login("city-hospital", "biomed-engineer@city-hospital.test"),
    ]);
    const cityDevices = async () =>
      (await get("/v1/installed-base", cityBiomed)).body.items as { manufacturerName: string; serialNo: string }[];
    const makers = async () => [...new Set((await cityDevices()).map((d) => d.manufacturerName))].sort();
    // Pulse's delivery says in words that it did not reach City General, and nothing of it did
    const [sent] = (await get("/v1/shipments", pulse)).body.items;
    expect(sent).toMatchObject({ status: "delivered", custodianTenantId: "city-hospital", custodianLink: "invited" });
    expect(sent.installedBaseNotice).toContain("it has not yet accepted your invitation to link");
    expect(await makers()).toEqual(["Acme Medical Devices"]);

    expect((await post("/v1/tenant-links/pulse-medical/accept", city)).status).toBe(200);
    const monitors = await eventually("Pulse's six monitors in City General's installed base", async () => {
      const mine = (await cityDevices()).filter((d) => d.manufacturerName === "Pulse Monitoring Systems");
      return mine.length === 6 ? mine : undefined;
    });
    expect(monitors.map((d) => d.serialNo).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `PX7-2604-000${i + 1}`));
    expect(await makers()).toEqual(["Acme Medical Devices", "Pulse Monitoring Systems"]);
    // Delivered on the shipment's day: installed, under warranty from then
    const one = (await get(`/v1/installed-base?serial=PX7-2604-0001`, cityBiomed)).body.items[0];
    expect(one).toMatchObject({ status: "installed", warrantyStart: "2026-08-03", warrantyEnd: "2028-08-02" });
  });

  it("a hospital refuses with a reason; hospitals do not invite; unknown and non-hospital partners are refused", async () => {
    expect((await post("/v1/tenant-links/river-hospital/revoke", acme, { reason: "new terms" })).status).toBe(200);
    await linkBecomes(river, "acme-med", "revoked");
    expect((await post("/v1/tenant-links", acme, { partnerTenantId: "river-hospital" })).status).toBe(201);
    await linkBecomes(river, "acme-med", "invited");
    const noReason = await post("/v1/tenant-links/acme-med/refuse", river, {});
    expect([noReason.status, noReason.body.error.code]).toEqual([400, "invalid-input"]);
    const refused = await post("/v1/tenant-links/acme-med/refuse", river, { reason: "terms not agreed" });
    expect(refused.body).toMatchObject({ status: "refused", reason: "terms not agreed" });
    expect(await linkBecomes(acme, "river-hospital", "refused")).toMatchObject({ reason: "terms not agreed" });

    const byHospital = await post("/v1/tenant-links", city, { partnerTenantId: "river-hospital" });
    expect([byHospital.status, byHospital.body.error.code]).toEqual([403, "tenant-kind-not-allowed"]);
    const toPartner = await post("/v1/tenant-links", acme, { partnerTenantId: "fixit-service" });
    expect([toPartner.status, toPartner.body.error.code]).toEqual([422, "partner-not-hospital"]);
    const toNobody = await post("/v1/tenant-links", acme, { partnerTenantId: "no-such-hospital" });
    expect([toNobody.status, toNobody.body.error.code]).toEqual([404, "partner-not-found"]);
  });

  it("every step is on each side's audit trail: who, when and why", async () => {
    type Entry = { actor: string; at: string; reason?: string; changes: { field: string; after?: unknown }[] };
    const history = (token: string, key: string, atLeast: number) =>
      eventually(`${atLeast} audit records of ${key}`, async () => {
        const { body } = await get(`/v1/audit/records/${encodeURIComponent(key)}?limit=100`, token);
        return body.items?.length >= atLeast ? (body.items as Entry[]) : undefined;
      });
    const statusOf = (e: Entry) => e.changes.find((c) => c.field === "status")?.after;

    // The hospital's side, 8 changes: the seeded invitation and acceptance, its revoke, then two rounds (mirrored or its own).
    const riverSide = await history(river, "tenantLink:acme-med", 8);
    const own = riverSide.filter((e) => e.actor.startsWith("user:"));
    expect(own.map((e) => [statusOf(e), e.reason ?? null])).toEqual(
      expect.arrayContaining([
        ["revoked", "service contract ended"],
        ["accepted", null],
        ["refused", "terms not agreed"],
      ]),
    );
    const mirrored = riverSide.filter((e) => e.actor === "system:tenant-links");
    expect(mirrored.map((e) => e.reason)).toEqual(
      expect.arrayContaining(["acme-med invited", "acme-med revoked: new terms"]),
    );

    // The manufacturer's side: its invitations and revocation by its admin, the hospital's answers mirrored.
    const acmeSide = await history(acme, "tenantLink:river-hospital", 8);
    expect(acmeSide.filter((e) => e.actor.startsWith("user:")).map(statusOf)).toEqual(
      expect.arrayContaining(["invited", "revoked"]),
    );
    expect(acmeSide.map((e) => e.reason)).toEqual(
      expect.arrayContaining([
        "river-hospital revoked: service contract ended",
        "river-hospital accepted",
        "river-hospital refused: terms not agreed",
      ]),
    );
  });
});
