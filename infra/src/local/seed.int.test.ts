import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import {
  Complaints,
  InstalledBase,
  ProductionOrders,
  Recalls,
  Suppliers,
  Trace,
  today,
  Users,
  withActor,
} from "@medloop/shared";
import { clientFromEnv, tableName } from "@medloop/shared/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../../test/platform.ts";
import { DEMO_TENANTS, seedDemo } from "./seed.ts";
import { plusDays, STORY } from "./seed-story.ts";

/** Every item of this file's table, in key order. */
async function snapshot() {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await clientFromEnv().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (i: Record<string, unknown>) => `${i.pk}\u0000${i.sk}`;
  return items.sort((a, b) => key(a).localeCompare(key(b)));
}

// The run's demo state, seeded from empty once (test/seeded-state.ts): what this suite checks.
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ seed: "demo" });
});
afterAll(() => p?.stop());

/**
 * Every lot the demo's orders issued was bought: it has a supplier origin with the certificate in
 * force on its receiving day, or a signed override. The housing supplier's December lot, traced
 * forward by its own lot number, reaches units of several finished lots, some of them at a hospital.
 */
async function supplierToBedside() {
  const orders = await ProductionOrders.list({});
  const records = await Promise.all(orders.map((o) => ProductionOrders.get({ orderId: o.orderId })));
  const issues = records.flatMap((r) => r.issues);
  expect(issues.length).toBeGreaterThan(50);
  for (const i of issues) {
    expect(i.origin, `${i.materialCode} ${i.lotNo}`).toMatchObject({ supplierLotNo: i.lotNo });
    expect(i.origin?.certificate ?? i.origin?.override, `${i.materialCode} ${i.lotNo}`).toBeDefined();
  }
  const plastics = (await Suppliers.list()).find((s) => s.code === "SUP-DGPLAST")!;
  const scope = await Trace.forward({ supplierId: plastics.supplierId, supplierLotNo: "DG-F01-2512" });
  expect(new Set(scope.lots.map((l) => l.fgLotNo)).size).toBeGreaterThanOrEqual(3);
  expect(scope.serials.some((u) => u.custodian?.custodianTenantId)).toBe(true);
}

describe("demo seed", () => {
  // 260 finished units received (the in-progress lot is not yet stock); the scrapped one never was.
  it("makes a few hundred serials, ships some to both hospitals, and a second run changes nothing", async () => {
    expect(p.demo.seeded).toEqual(DEMO_TENANTS.map((t) => t.tenantId).sort());
    const first = await snapshot();
    const serials = first.filter((i) => i.sk === "serial" && String(i.pk).startsWith("t#acme-med#"));
    expect(serials.length).toBeGreaterThanOrEqual(250);
    const custodians = new Set(serials.map((i) => i.custodianTenantId).filter(Boolean));
    expect([...custodians].sort()).toEqual(["city-hospital", "river-hospital"]);
    await withActor({ type: "system", tenantId: "acme-med", name: "seed-test" }, supplierToBedside);

    expect((await seedDemo("demo", p.settled)).created).toEqual([]);
    await p.settled();
    expect(await snapshot()).toEqual(first);
  }, 300_000);

  // The story's records carry the days it tells, not the seeding day: production from January,
  // delivery in July with the warranty from that day, and what is current (in transit) today.
  it("records its story on the days it tells", async () => {
    const day = (iso: string | null | undefined) => iso?.slice(0, 10);
    await withActor({ type: "system", tenantId: "acme-med", name: "seed-test" }, async () => {
      const first = (await ProductionOrders.list({})).find((o) => o.fgLotNo === "IP200-2601")!;
      const record = await ProductionOrders.get({ orderId: first.orderId });
      expect(day(record.order.releasedAt)).toBe("2025-12-29");
      expect(record.issues.map((i) => day(i.issuedAt))).toContain("2026-01-12");
      const reported = record.operations.map((o) => day(o.finishedAt)).sort();
      expect(reported[0]).toBe("2026-01-12");
      expect(reported.at(-1)! > "2026-01-12" && reported.at(-1)! < "2026-02-01").toBe(true);
      for (const o of record.operations) expect(o.finishedAt >= o.startedAt).toBe(true);
      expect(day(record.release?.signedAt)! > reported.at(-1)!).toBe(true);
      const acme = await Users.list();
      expect(new Set(acme.map((u) => day(u.createdAt)))).toEqual(new Set([STORY.onboarding]));
    });
    await withActor({ type: "system", tenantId: "city-hospital", name: "seed-test" }, async () => {
      const devices = (await InstalledBase.list({})).items;
      const installed = devices.filter((d) => d.status === "installed");
      expect(installed.length).toBeGreaterThan(0);
      for (const d of installed) {
        expect(day(d.deliveredAt)).toBe(STORY.delivery.city);
        expect(d.warrantyStart).toBe(STORY.delivery.city);
        expect(day(d.shippedAt)! < STORY.delivery.city).toBe(true);
      }
      const inTransit = devices.filter((d) => d.status === "in-transit");
      expect(inTransit.length).toBeGreaterThan(0);
      // Seeded at the start of this run: today, or yesterday if the run crossed midnight.
      for (const d of inTransit) expect(day(d.shippedAt)! >= plusDays(today(), -1)).toBe(true);
    });
  });

  // Issue 15 §8: a complaint with its clocks running, and a recall one hospital acknowledged and one did not.
  it("shows a complaint whose reporting clocks run and a recall campaign half acknowledged", async () => {
    const system = (tenantId: string) => ({ type: "system" as const, tenantId, name: "seed-test" });
    const reported = await withActor(system("river-hospital"), () => Complaints.list());
    expect(reported.map((c) => [c.device.serialNo, c.patientInvolvement, c.deviceOutOfService])).toEqual([
      ["IP200-2601-0011", "injury", true],
    ]);
    await withActor(system("acme-med"), async () => {
      const [c] = await Complaints.Cases.list({});
      expect(c).toMatchObject({ hospitalTenantId: "river-hospital", status: "under-investigation" });
      expect(c!.decision).toMatchObject({ reportable: true, regimes: ["fda-mdr", "eu-mdr"], remedialAction: true });
      expect(c!.notes).toHaveLength(1);
      const now = Date.now();
      const dues = c!.clocks.map((k) => Date.parse(k.dueAt) - now);
      for (const due of dues) expect(due).toBeGreaterThan(0);
      expect(Math.min(...dues)).toBeLessThan(15 * 86_400_000);

      const { items } = await Recalls.Campaigns.list({ status: "open" });
      expect(items.map((k) => [k.recallClass, k.action, k.source])).toEqual([
        ["II", "field-safety-notice", { supplierId: expect.any(String), supplierLotNo: "DG-F01-2512" }],
      ]);
      const campaign = await Recalls.Campaigns.get({ campaignId: items[0]!.campaignId });
      const answers = campaign.recipients
        .filter((r) => r.channel === "medloop")
        .map((r) => [r.recipient, r.status, r.acknowledgedSignature?.includes("reviewed") ?? false]);
      expect(answers).toEqual([
        ["city-hospital", "acknowledged", true],
        ["river-hospital", "sent", false],
      ]);
      const located = campaign.devices.filter((d) => d.state === "located");
      expect(located.map((d) => d.hospitalTenantId)).toEqual(["city-hospital"]);
    });
  });

  // Every seeded write goes through the entities, so none may look like a direct table edit.
  it("leaves no integrity alert: every change of the seed is attributed", async () => {
    await p.settled();
    const from = Date.now() - 86_400_000;
    for (const tenant of p.demo.seeded) {
      const token = await p.login(tenant, `admin@${tenant}.test`);
      const res = await p.call("GET", `/v1/alerts?deviceId=medloop-integrity&from=${from}&limit=500`, { token });
      expect([tenant, res.status, res.body.items]).toEqual([tenant, 200, []]);
    }
  });
});
