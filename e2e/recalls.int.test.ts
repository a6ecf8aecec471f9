import { createHash } from "node:crypto";
import { patternFor, Recalls } from "@medloop/shared";
import { canonicalJson } from "@medloop/shared/audit/chain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../test/eventually.ts";
import { busTap, startTestPlatform, type TestPlatform } from "../test/platform.ts";

/**
 * A recall on the local platform (TR-4, issue 15 §6): quality opens a signed campaign from a
 * supplier lot of the seeded pump lot IP200-2601 → its scope is the forward trace → City General
 * and Riverside each get a notice in their own tenant listing only their devices, and neither
 * reaches the other's → City acknowledges, Riverside does not → device states move from both sides
 * → the evidence pack's hash verifies and a tampered copy does not → replayed events change
 * nothing → another manufacturer sees none of it → the campaign closes only when every device is.
 */
let p: TestPlatform;
const token: Record<string, string> = {};
const tapped: { "detail-type": string; source: string; detail: unknown }[] = [];
const { CampaignOpened, NoticeAcknowledged, DeviceStateReported } = Recalls.Events;

beforeAll(async () => {
  p = await startTestPlatform({
    seed: "demo",
    extraRules: [busTap(patternFor(CampaignOpened, NoticeAcknowledged, DeviceStateReported), tapped)],
  });
  token.quality = await p.login("acme-med", "quality-engineer@acme-med.test");
  token.city = await p.login("city-hospital", "biomed-engineer@city-hospital.test");
  token.river = await p.login("river-hospital", "biomed-engineer@river-hospital.test");
  token.pulse = await p.login("pulse-medical", "quality-engineer@pulse-medical.test");
});
afterAll(() => p?.stop());

const call = (who: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  p.call(method, path, { token: token[who], body, headers });

type Device = { productId: string; serialNo: string; hospitalTenantId: string | null; installedId: string };
type Notice = { noticeId: string; status: string; devices: { installedId: string; serialNo: string; state: string }[] };
const key = (d: { productId: string; serialNo: string }) => `${d.productId}/${d.serialNo}`;

let source: { supplierId: string; supplierLotNo: string };
let campaignId: string;
let devices: Device[];
const notice: Record<string, Notice> = {};
// The demo seed's own campaign (seed-post-market.ts) is there before this suite opens its own.
let seededCampaigns: number;
const HOSPITAL: Record<string, string> = { city: "city-hospital", river: "river-hospital" };

/** This suite's campaign's notice at a hospital (the seed's notice is there too): its id derives from the campaign. */
const noticeOf = async (who: string) => {
  const noticeId = Recalls.Notices.noticeIdOf("acme-med", campaignId, HOSPITAL[who]!);
  return eventually(`${who}'s notice`, async () => {
    const res = await call(who, "GET", `/v1/recall-notices/${noticeId}`);
    return res.status === 200 ? res.body : undefined;
  });
};
const campaign = async () => (await call("quality", "GET", `/v1/recalls/campaigns/${campaignId}`)).body;
const campaignCount = async () => (await call("quality", "GET", "/v1/recalls/campaigns")).body.items.length;

describe("a recall from a supplier lot", () => {
  it("opens a signed campaign whose scope equals the forward trace", async () => {
    const orders = (await call("quality", "GET", "/v1/production/orders")).body.items as {
      orderId: string;
      fgLotNo: string;
    }[];
    const order = orders.find((o) => o.fgLotNo === "IP200-2601")!;
    const detail = (await call("quality", "GET", `/v1/production/orders/${order.orderId}`)).body;
    const origin = detail.issues.find((i: { origin: unknown }) => i.origin).origin;
    source = { supplierId: origin.supplierId, supplierLotNo: origin.supplierLotNo };
    seededCampaigns = await campaignCount();
    const trace = (await call("quality", "GET", `/v1/trace/forward?${new URLSearchParams(source)}`)).body;

    const body = {
      source,
      recallClass: "II",
      action: "removal",
      reason: "Supplier reported contaminated sensor membranes",
      complaintRef: "CMP-2026-031",
      password: p.demo.password,
      meaning: "approved",
    };
    const opened = await call("quality", "POST", "/v1/recalls/campaigns", body, { "idempotency-key": "recall-e2e-1" });
    expect(opened.status).toBe(201);
    campaignId = opened.body.campaignId;
    devices = opened.body.devices;

    // Scope = the trace's units, each with the trace's own line for it.
    expect(devices.map(key).sort()).toEqual(trace.serials.map(key).sort());
    const traced = new Map(trace.serials.map((s: { productId: string; serialNo: string }) => [key(s), s]));
    for (const d of opened.body.devices) expect(d.trace).toEqual(traced.get(key(d)));
    expect(opened.body.lots).toEqual(trace.lots);
    expect(opened.body).toMatchObject({ status: "open", units: trace.serials.length, closedUnits: 0 });
    expect(opened.body.signature).toContain("approved");

    const hospitals = opened.body.recipients.filter((r: { channel: string }) => r.channel === "medloop");
    expect(hospitals.map((r: { recipient: string; status: string }) => [r.recipient, r.status])).toEqual([
      ["city-hospital", "sent"],
      ["river-hospital", "sent"],
    ]);
    // A retry of the same request answers as the first did and opens nothing more.
    const again = await call("quality", "POST", "/v1/recalls/campaigns", body, { "idempotency-key": "recall-e2e-1" });
    expect(again.body.campaignId).toBe(campaignId);
    expect(await campaignCount()).toBe(seededCampaigns + 1);
  });

  it("refuses bad input with typed errors, opening nothing", async () => {
    const bad = await call("quality", "POST", "/v1/recalls/campaigns", {
      source,
      recallClass: "IV",
      action: "removal",
      reason: "x",
      password: p.demo.password,
      meaning: "approved",
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, "invalid-input"]);
    const wrong = await call("quality", "POST", "/v1/recalls/campaigns", {
      source,
      recallClass: "I",
      action: "removal",
      reason: "wrong password",
      password: "not the password",
      meaning: "approved",
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([422, "signature-invalid"]);
    const empty = await call("quality", "POST", "/v1/recalls/campaigns", {
      source: { supplierId: source.supplierId, supplierLotNo: "NO-SUCH-LOT" },
      recallClass: "I",
      action: "removal",
      reason: "nothing there",
      password: p.demo.password,
      meaning: "approved",
    });
    expect([empty.status, empty.body.error.code]).toEqual([422, "recall-scope-empty"]);
    expect(await campaignCount()).toBe(seededCampaigns + 1);
  });

  it("each hospital sees only its own devices and notice; the other's is a 404 that changes nothing", async () => {
    notice.city = await noticeOf("city");
    notice.river = await noticeOf("river");
    for (const [who, tenant] of [
      ["city", "city-hospital"],
      ["river", "river-hospital"],
    ] as const) {
      const own = devices.filter((d) => d.hospitalTenantId === tenant).map((d) => d.installedId);
      expect(own.length).toBeGreaterThan(0);
      expect(notice[who]!.devices.map((d) => d.installedId).sort()).toEqual(own.sort());
      const text = JSON.stringify(notice[who]);
      for (const leak of ["acme-med", "orderId", "customerId", "custodian", "supplier", "trace"]) {
        expect(text).not.toContain(leak);
      }
    }
    expect(JSON.stringify(notice.city)).not.toContain("river-hospital");

    const river = notice.river!.noticeId;
    expect((await call("city", "GET", `/v1/recall-notices/${river}`)).status).toBe(404);
    const ack = await call("city", "POST", `/v1/recall-notices/${river}/acknowledge`, {});
    expect([ack.status, ack.body.error.code]).toEqual([404, "recall-notice-not-found"]);
    const report = await call("city", "POST", `/v1/recall-notices/${river}/device-states`, {
      installedId: notice.river!.devices[0]!.installedId,
      state: "located",
    });
    expect(report.status).toBe(404);
    expect((await call("river", "GET", `/v1/recall-notices/${river}`)).body).toEqual(notice.river);
    // A City device named on City's own notice by another hospital's id: not on it.
    const foreign = await call("city", "POST", `/v1/recall-notices/${notice.city!.noticeId}/device-states`, {
      installedId: notice.river!.devices[0]!.installedId,
      state: "located",
    });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "recall-device-not-found"]);
  });

  it("City acknowledges (signed), River does not: the campaign shows each hospital's answer", async () => {
    const ack = await call("city", "POST", `/v1/recall-notices/${notice.city!.noticeId}/acknowledge`, {
      signature: { password: p.demo.password, meaning: "reviewed" },
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: "acknowledged" });
    const again = await call("city", "POST", `/v1/recall-notices/${notice.city!.noticeId}/acknowledge`, {});
    expect([again.status, again.body.error.code]).toEqual([409, "recall-notice-acknowledged"]);
    const recipients = await eventually("City's acknowledgement at the manufacturer", async () => {
      const { recipients } = await campaign();
      return recipients.find((r: { recipient: string; status: string }) => r.status === "acknowledged")
        ? recipients
        : undefined;
    });
    const byTenant = Object.fromEntries(recipients.map((r: { recipient: string }) => [r.recipient, r]));
    expect(byTenant["city-hospital"]).toMatchObject({ status: "acknowledged", acknowledgedBy: expect.any(String) });
    expect(byTenant["city-hospital"].acknowledgedSignature).toContain("reviewed");
    expect(byTenant["river-hospital"]).toMatchObject({ status: "sent", acknowledgedAt: null });
  });

  it("device states move forward from both sides and never back", async () => {
    const cityDevice = notice.city!.devices[0]!;
    const report = (who: string, n: Notice, installedId: string, state: string) =>
      call(who, "POST", `/v1/recall-notices/${n.noticeId}/device-states`, { installedId, state });
    expect((await report("city", notice.city!, cityDevice.installedId, "located")).status).toBe(200);
    expect((await report("city", notice.city!, cityDevice.installedId, "quarantined")).status).toBe(200);
    const back = await report("city", notice.city!, cityDevice.installedId, "located");
    expect([back.status, back.body.error.code]).toEqual([409, "recall-state-backward"]);
    expect((await report("river", notice.river!, notice.river!.devices[0]!.installedId, "returned")).status).toBe(200);

    const moved = await eventually("the states at the manufacturer", async () => {
      const { devices: now } = await campaign();
      const city = now.find((d: Device) => d.installedId === cityDevice.installedId);
      const river = now.find((d: Device) => d.installedId === notice.river!.devices[0]!.installedId);
      return city.state === "quarantined" && river.state === "returned" ? { city, river } : undefined;
    });
    expect(moved.city.history.map((h: { state: string }) => h.state)).toEqual(["affected", "located", "quarantined"]);
    expect((await campaign()).closedUnits).toBe(1);

    // The manufacturer records what is in its own hands: forward only, typed refusals.
    const inStock = devices.find((d) => !d.hospitalTenantId)!;
    const record = (state: string) =>
      call("quality", "POST", `/v1/recalls/campaigns/${campaignId}/device-states`, {
        productId: inStock.productId,
        serialNo: inStock.serialNo,
        state,
      });
    expect((await record("quarantined")).body).toMatchObject({ state: "quarantined" });
    expect((await record("located")).body.error.code).toBe("recall-state-backward");
    expect((await record("corrected")).body).toMatchObject({ state: "corrected" });
    expect((await record("returned")).body.error.code).toBe("recall-device-closed");
  });

  it("refuses to close while devices are open (409), changing nothing", async () => {
    const before = await campaign();
    const res = await call("quality", "POST", `/v1/recalls/campaigns/${campaignId}/close`, {
      password: p.demo.password,
      meaning: "approved",
    });
    expect([res.status, res.body.error.code]).toEqual([409, "recall-devices-open"]);
    expect(await campaign()).toEqual(before);
  });

  it("exports an evidence pack whose SHA-256 verifies, and a tampered copy does not", async () => {
    const { status, body: pack } = await call("quality", "GET", `/v1/recalls/campaigns/${campaignId}/evidence`);
    expect(status).toBe(200);
    const recomputed = createHash("sha256").update(canonicalJson(pack.content)).digest("hex");
    expect(recomputed).toBe(pack.sha256);
    expect(pack.content.trace.serials.map(key).sort()).toEqual(devices.map(key).sort());
    expect(pack.content.signatures.map((s: { meaning: string }) => s.meaning)).toEqual(["approved"]);
    expect(pack.content.recipients.map((r: { status: string }) => r.status)).toContain("acknowledged");
    const tampered = structuredClone(pack);
    tampered.content.scope[0].state = "returned";
    tampered.content.scope[0].history = [];
    expect(createHash("sha256").update(canonicalJson(tampered.content)).digest("hex")).not.toBe(pack.sha256);
    // The same state gives the same digest, whenever the pack is made.
    const again = (await call("quality", "GET", `/v1/recalls/campaigns/${campaignId}/evidence`)).body;
    expect(again.sha256).toBe(pack.sha256);
  });

  it("a replayed event changes nothing", async () => {
    await p.settled();
    const notices = async (who: string) => (await call(who, "GET", "/v1/recall-notices")).body.items;
    const before = { campaign: await campaign(), city: await notices("city"), river: await notices("river") };
    const kinds: string[] = [CampaignOpened, NoticeAcknowledged, DeviceStateReported].map((e) => e.detailType);
    const replays = tapped.filter((e) => kinds.includes(e["detail-type"]));
    expect(new Set(replays.map((e) => e["detail-type"]))).toEqual(new Set(kinds));
    await p.bus.putEvents(replays.map((e) => ({ source: e.source, detailType: e["detail-type"], detail: e.detail })));
    await p.settled();
    expect(await campaign()).toEqual(before.campaign);
    expect(await notices("city")).toEqual(before.city);
    expect(await notices("river")).toEqual(before.river);
  });

  it("another manufacturer sees none of it", async () => {
    expect((await call("pulse", "GET", "/v1/recalls/campaigns")).body.items).toEqual([]);
    for (const path of [`/v1/recalls/campaigns/${campaignId}`, `/v1/recalls/campaigns/${campaignId}/evidence`]) {
      const res = await call("pulse", "GET", path);
      expect([res.status, res.body.error.code]).toEqual([404, "recall-campaign-not-found"]);
    }
    expect((await call("city", "GET", `/v1/recalls/campaigns/${campaignId}`)).status).toBe(403);
  });

  it("closes, signed, once every device is returned or corrected", async () => {
    const { devices: now } = await campaign();
    for (const d of now.filter((x: { state: string }) => !["returned", "corrected"].includes(x.state))) {
      const res = await call("quality", "POST", `/v1/recalls/campaigns/${campaignId}/device-states`, {
        productId: d.productId,
        serialNo: d.serialNo,
        state: "corrected",
      });
      expect(res.status).toBe(200);
    }
    const closed = await call("quality", "POST", `/v1/recalls/campaigns/${campaignId}/close`, {
      password: p.demo.password,
      meaning: "approved",
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", closedUnits: devices.length });
    const pack = (await call("quality", "GET", `/v1/recalls/campaigns/${campaignId}/evidence`)).body;
    expect(pack.content.signatures).toHaveLength(2);
    expect(createHash("sha256").update(canonicalJson(pack.content)).digest("hex")).toBe(pack.sha256);
  });
});
