import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { Db } from "../db/service.ts";
import { Moves } from "../inventory/index.ts";
import { manualClock } from "../ports/clock.ts";
import { MaterialIssues, Operations, ProductionOrders, Trace } from "../production/index.ts";
import { productionMasterData } from "../production/test-fixture.ts";
import { type Actor, withActor, withScope } from "../tenant/context.ts";
import { Tenants, Users } from "../tenant/index.ts";
import { Campaigns, Evidence, Notices } from "./index.ts";

/**
 * Recall campaigns on DynamoDB Local, in the domain: a lot issued into a two-unit order, units in
 * process. The scope equals the forward trace; states move forward only; the campaign closes only
 * when every device is closed; the evidence digest verifies; a hospital that never linked with the
 * manufacturer gets no notice, however often the event comes.
 */
const T = "recall-mfr";
const H = "recall-hosp";
const PASSWORD = "quality signs recalls";
const clock = manualClock("2026-12-01T08:00:00.000Z");
let qe: Actor;
const user = (role: "planner" | "operator" | "warehouse"): Actor => ({
  type: "user",
  tenantId: T,
  tenantKind: "manufacturer",
  userId: `u-${role}`,
  email: `${role}@recall.test`,
  roles: [role],
});
const as = <R>(actor: Actor, fn: () => Promise<R>) => withScope({ actor, clock }, fn);
let md: Awaited<ReturnType<typeof productionMasterData>>;

beforeAll(async () => {
  await ensureTestTable();
  await withActor({ type: "system", tenantId: H, name: "test" }, () =>
    Tenants.create({ name: "Hospital", kind: "hospital", defaultLocale: "en" }),
  );
  await withActor({ type: "system", tenantId: T, name: "test" }, async () => {
    await Tenants.create({ name: "Recall Maker", kind: "manufacturer", defaultLocale: "en" });
    const u = await Users.create({
      email: "qe@recall.test",
      name: "Quinn QE",
      roles: ["quality-engineer"],
      password: PASSWORD,
    });
    qe = {
      type: "user",
      tenantId: T,
      tenantKind: "manufacturer",
      userId: u.userId,
      email: u.email,
      roles: ["quality-engineer"],
    };
  });
  md = await as(user("planner"), productionMasterData);
  await as(user("warehouse"), () =>
    Moves.receive({ materialId: md.housing, lotNo: "H-BAD", ...md.rawPlace, quantity: 10 }),
  );
  const order = await as(user("planner"), () =>
    ProductionOrders.create({ productId: md.productId, quantity: 2, plannedStart: "2026-06-01", fgLotNo: "RC-1" }),
  );
  await as(user("operator"), async () => {
    await MaterialIssues.issueMaterial({ orderId: order.orderId, scan: "(10)H-BAD", ...md.rawPlace, quantity: 2 });
    await Operations.report({
      orderId: order.orderId,
      sequence: 10,
      good: 2,
      startedAt: "2026-06-02T08:00:00.000Z",
      finishedAt: "2026-06-02T08:30:00.000Z",
      equipment: "EQ-1",
      units: [{ serialNo: "RC-1-01" }, { serialNo: "RC-1-02" }],
    });
  });
});

const open = (password = PASSWORD) =>
  as(qe, () =>
    Campaigns.open({
      source: { materialId: md.housing, lotNo: "H-BAD" },
      recallClass: "II",
      action: "removal",
      reason: "Cracked housings",
      password,
      meaning: "approved",
    }),
  );
const record = (campaignId: string, serialNo: string, state: "located" | "quarantined" | "returned" | "corrected") =>
  as(qe, () => Campaigns.recordState({ campaignId, productId: md.productId, serialNo, state }));

describe("a recall campaign", () => {
  let campaignId: string;

  it("opens signed, with the forward trace's units as its scope", async () => {
    await expect(open("wrong")).rejects.toMatchObject({ code: "signature-invalid" });
    expect((await as(qe, () => Campaigns.list({}))).items).toEqual([]);
    const campaign = await open();
    campaignId = campaign.campaignId;
    const trace = await as(qe, () => Trace.forward({ materialId: md.housing, lotNo: "H-BAD" }));
    expect(campaign.devices.map((d) => d.trace)).toEqual(trace.serials);
    expect(campaign.lots).toEqual(trace.lots);
    expect(campaign.devices.map((d) => [d.serialNo, d.whereabouts, d.state])).toEqual([
      ["RC-1-01", "in-process", "affected"],
      ["RC-1-02", "in-process", "affected"],
    ]);
    expect(campaign).toMatchObject({ status: "open", units: 2, closedUnits: 0, openedAt: "2026-12-01T08:00:00.000Z" });
    expect(campaign.recipients).toEqual([]);
    expect(await as(qe, () => Campaigns.get({ campaignId }))).toEqual(campaign);
  });

  it("refuses a lot that reached nothing, writing nothing", async () => {
    await expect(
      as(qe, () =>
        Campaigns.open({
          source: { materialId: md.housing, lotNo: "NEVER-USED" },
          recallClass: "I",
          action: "removal",
          reason: "x",
          password: PASSWORD,
          meaning: "approved",
        }),
      ),
    ).rejects.toMatchObject({ kind: "unprocessable", code: "recall-scope-empty" });
    expect((await as(qe, () => Campaigns.list({}))).items).toHaveLength(1);
  });

  it("moves devices forward only, and closes only when every device is closed", async () => {
    clock.advance(60_000);
    await record(campaignId, "RC-1-01", "quarantined");
    await expect(record(campaignId, "RC-1-01", "located")).rejects.toMatchObject({ code: "recall-state-backward" });
    await record(campaignId, "RC-1-01", "returned");
    await expect(record(campaignId, "RC-1-01", "corrected")).rejects.toMatchObject({ code: "recall-device-closed" });
    await expect(record(campaignId, "NOPE", "located")).rejects.toMatchObject({ code: "recall-device-not-found" });
    const close = () => as(qe, () => Campaigns.close({ campaignId, password: PASSWORD, meaning: "approved" }));
    await expect(close()).rejects.toMatchObject({
      kind: "conflict",
      code: "recall-devices-open",
      details: { open: 1 },
    });
    await record(campaignId, "RC-1-02", "corrected");
    const closed = await close();
    expect(closed).toMatchObject({ status: "closed", closedUnits: 2, closedBy: "Quinn QE" });
    await expect(close()).rejects.toMatchObject({ code: "recall-campaign-closed" });
    await expect(record(campaignId, "RC-1-02", "returned")).rejects.toMatchObject({ code: "recall-campaign-closed" });
    const detail = await as(qe, () => Campaigns.get({ campaignId }));
    expect(detail.devices[0]!.history.map((h) => h.state)).toEqual(["affected", "quarantined", "returned"]);
  });

  it("exports an evidence pack whose digest verifies, with both signatures", async () => {
    const pack = await as(qe, () => Evidence.pack({ campaignId }));
    expect(Evidence.verify(pack)).toBe(true);
    expect(pack.content.signatures.map((s) => s.subject)).toEqual([
      `recall-campaign/${campaignId}`,
      `recall-campaign/${campaignId}/close`,
    ]);
    const tampered = structuredClone(pack);
    tampered.content.campaign.reason = "Something milder";
    expect(Evidence.verify(tampered)).toBe(false);
    clock.advance(60_000);
    expect((await as(qe, () => Evidence.pack({ campaignId }))).sha256).toBe(pack.sha256);
  });

  it("writes no notice into a hospital that never linked with the manufacturer, however often asked", async () => {
    const event = {
      id: "e-1",
      tenantId: T,
      occurredAt: "2026-12-01T08:00:00.000Z",
      actor: "user:x",
      data: { campaignId, hospitals: [H] },
    };
    expect(await withScope({ actor: qe, clock }, () => Notices.issue(event))).toEqual({ [H]: "not-linked" });
    expect(await withScope({ actor: qe, clock }, () => Notices.issue(event))).toEqual({ [H]: "not-linked" });
    const { data } = await withActor({ type: "system", tenantId: H, name: "test" }, () =>
      Db.entities.recallNotice.query.byIssued({ tenantId: H }).go(),
    );
    expect(data).toEqual([]);
  });

  it("ignores a hospital's report on a device it does not hold", async () => {
    const detail = {
      id: "e-2",
      tenantId: H,
      occurredAt: "2026-12-01T08:00:00.000Z",
      actor: "user:h",
      data: {
        noticeId: crypto.randomUUID(),
        manufacturerTenantId: T,
        campaignId,
        installedId: (await as(qe, () => Campaigns.get({ campaignId }))).devices[0]!.installedId,
        state: "returned" as const,
        at: "2026-12-01T09:00:00.000Z",
        by: "b@h.test",
        note: null,
      },
    };
    expect(await withScope({ actor: qe, clock }, () => Campaigns.applyDeviceState(detail))).toBe("not-in-scope");
  });
});
