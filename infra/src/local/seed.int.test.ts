import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { ProductionOrders, Suppliers, Trace, withActor } from "@medloop/shared";
import { clientFromEnv, tableName } from "@medloop/shared/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../../test/platform.ts";
import { seedDemo } from "./seed.ts";

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
 * force, or (housings, from the supplier whose certificate lapsed) the signed override. The housing supplier's December lot, traced forward by its own lot number, reaches units
 * of several finished lots, some of them at a hospital.
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
    expect(p.demo.seeded).toEqual(["acme-med", "city-hospital", "fixit-service", "river-hospital"]);
    const first = await snapshot();
    const serials = first.filter((i) => i.sk === "serial" && String(i.pk).startsWith("t#acme-med#"));
    expect(serials.length).toBeGreaterThanOrEqual(250);
    const custodians = new Set(serials.map((i) => i.custodianTenantId).filter(Boolean));
    expect([...custodians].sort()).toEqual(["city-hospital", "river-hospital"]);
    await withActor({ type: "system", tenantId: "acme-med", name: "seed-test" }, supplierToBedside);

    expect((await seedDemo("demo")).created).toEqual([]);
    await p.settled();
    expect(await snapshot()).toEqual(first);
  }, 300_000);
});
