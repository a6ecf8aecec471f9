import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { clientFromEnv, tableName } from "../db/client.ts";
import { Locations, Materials, Sites, Warehouses } from "../masterdata/index.ts";
import { type Actor, withActor, withScope } from "../tenant/context.ts";
import { Counts, Fefo, Holds, Moves, Reservations, SafetyStocks, Stock } from "./index.ts";

const T = "acme";
const warehouseUser: Actor = {
  type: "user",
  tenantId: T,
  tenantKind: "manufacturer",
  userId: "u-wh",
  email: "wh@acme.test",
  roles: ["warehouse"],
};
const planner: Actor = {
  type: "user",
  tenantId: T,
  tenantKind: "manufacturer",
  userId: "u-pl",
  email: "pl@acme.test",
  roles: ["planner"],
};
const as = <R>(fn: () => Promise<R>, actor: Actor = warehouseUser) => withActor(actor, fn);

let wh: string;
let a1: string;
let a2: string;
let lotMat: string;
let serialMat: string;
let plainMat: string;
const inYears = (n: number) => `${new Date().getUTCFullYear() + n}-06-30`;

async function ledgerSum(materialId: string, lotNo: string) {
  const { items } = await as(() => Stock.ledgerOfLot({ materialId, lotNo }));
  const { balances } = await as(() => Stock.lot({ materialId, lotNo }));
  const byPlace = new Map<string, { onHand: number; reserved: number }>();
  for (const l of items) {
    const k = `${l.locationId}|${l.serialNo}`;
    const s = byPlace.get(k) ?? { onHand: 0, reserved: 0 };
    byPlace.set(k, { onHand: s.onHand + l.quantity, reserved: s.reserved + l.reservedDelta });
  }
  return { byPlace, balances };
}

/** The invariant: every balance equals the sum of its ledger lines, on hand and reserved. */
async function expectLedgerMatches(materialId: string, lotNo: string) {
  const { byPlace, balances } = await ledgerSum(materialId, lotNo);
  for (const b of balances) {
    expect(byPlace.get(`${b.locationId}|${b.serialNo}`)).toEqual({ onHand: b.onHand, reserved: b.reserved });
    expect(b.available).toBe(b.onHand - b.reserved);
    expect(b.onHand).toBeGreaterThanOrEqual(0);
  }
  expect(byPlace.size).toBe(balances.length);
}

beforeAll(async () => {
  await ensureTestTable();
  await as(async () => {
    const site = await Sites.create({ code: "SZ", name: "Suzhou", timezone: "Asia/Shanghai" });
    const w = await Warehouses.create({ code: "WH1", name: "Main", siteId: site.siteId, purpose: "raw-material" });
    wh = w.warehouseId;
    a1 = (await Locations.create({ warehouseId: wh, code: "A-01", name: "A 01", kind: "rack" })).locationId;
    a2 = (await Locations.create({ warehouseId: wh, code: "A-02", name: "A 02", kind: "rack" })).locationId;
    const base = { category: "electronic" as const, unit: "pcs" as const };
    lotMat = (await Materials.create({ ...base, code: "SENSOR", name: "Sensor", tracking: "lot", shelfLifeDays: 730 }))
      .materialId;
    serialMat = (await Materials.create({ ...base, code: "PUMP", name: "Pump", tracking: "serial" })).materialId;
    plainMat = (await Materials.create({ ...base, code: "SCREW", name: "Screw", tracking: "none" })).materialId;
  });
});

describe("receipts and issues", () => {
  it("receives into a lot, issues from it, and the ledger sums to the balance", async () => {
    await as(() =>
      Moves.receive({
        materialId: lotMat,
        lotNo: "L1",
        warehouseId: wh,
        locationId: a1,
        quantity: 100,
        expiresOn: inYears(2),
      }),
    );
    const move = await as(() =>
      Moves.issue({
        materialId: lotMat,
        lotNo: "L1",
        warehouseId: wh,
        locationId: a1,
        quantity: 30,
        reference: "WO-1",
      }),
    );
    expect(move.lines).toEqual([expect.objectContaining({ kind: "issue", quantity: -30, reference: "WO-1" })]);
    const { items } = await as(() => Stock.list({ materialId: lotMat }));
    expect(items).toEqual([expect.objectContaining({ lotNo: "L1", onHand: 70, available: 70, lotStatus: "released" })]);
    await expectLedgerMatches(lotMat, "L1");
  });

  it("refuses an issue beyond stock with the available quantity, and writes nothing", async () => {
    const before = await as(() => Stock.ledgerOfLot({ materialId: lotMat, lotNo: "L1" }));
    await expect(
      as(() => Moves.issue({ materialId: lotMat, lotNo: "L1", warehouseId: wh, locationId: a1, quantity: 71 })),
    ).rejects.toMatchObject({ kind: "unprocessable", code: "insufficient-stock", details: { available: 70 } });
    const after = await as(() => Stock.ledgerOfLot({ materialId: lotMat, lotNo: "L1" }));
    expect(after.items).toHaveLength(before.items.length);
    await expectLedgerMatches(lotMat, "L1");
  });

  it("refuses unknown material and location, a missing expiry, a mismatched expiry and a lot for an untracked material", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const r = { lotNo: "LX", warehouseId: wh, locationId: a1, quantity: 1, expiresOn: inYears(1) };
    await expect(as(() => Moves.receive({ ...r, materialId: unknown }))).rejects.toMatchObject({
      code: "unknown-material",
    });
    await expect(as(() => Moves.receive({ ...r, materialId: lotMat, locationId: unknown }))).rejects.toMatchObject({
      code: "unknown-location",
    });
    await expect(as(() => Moves.receive({ ...r, materialId: lotMat, expiresOn: undefined }))).rejects.toMatchObject({
      code: "expiry-required",
    });
    await expect(as(() => Moves.receive({ ...r, materialId: lotMat, lotNo: "L1" }))).rejects.toMatchObject({
      code: "lot-expiry-mismatch",
    });
    await expect(as(() => Moves.receive({ ...r, materialId: plainMat }))).rejects.toMatchObject({
      code: "not-tracked",
    });
    await expect(as(() => Stock.lot({ materialId: lotMat, lotNo: "LX" }))).rejects.toMatchObject({
      code: "lot-not-found",
    });
  });

  it("a retry with the same idempotency key moves stock once", async () => {
    const scope = { actor: warehouseUser, idempotency: { key: "issue-once-1", requestHash: "h" } };
    const input = { materialId: lotMat, lotNo: "L1", warehouseId: wh, locationId: a1, quantity: 5 };
    const first = await withScope(scope, () => Moves.issue(input));
    const again = await withScope(scope, () => Moves.issue(input));
    expect(again).toEqual(first);
    const { balances } = await as(() => Stock.lot({ materialId: lotMat, lotNo: "L1" }));
    expect(balances[0]!.onHand).toBe(65);
  });
});

describe("concurrency", () => {
  it("50 parallel issues of one lot never take stock below zero, and the ledger sums to the balance", async () => {
    await as(() =>
      Moves.receive({
        materialId: lotMat,
        lotNo: "RACE",
        warehouseId: wh,
        locationId: a2,
        quantity: 40,
        expiresOn: inYears(1),
      }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        as(() => Moves.issue({ materialId: lotMat, lotNo: "RACE", warehouseId: wh, locationId: a2, quantity: 1 })),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const codes = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { code: string }).code] : []));
    // Every refusal is a typed one: not enough stock, or a race still lost after retries.
    expect(codes.every((c) => c === "insufficient-stock" || c === "concurrent-change")).toBe(true);
    expect(ok).toBeLessThanOrEqual(40);
    const { balances } = await as(() => Stock.lot({ materialId: lotMat, lotNo: "RACE" }));
    expect(balances[0]!.onHand).toBe(40 - ok);
    expect(balances[0]!.onHand).toBeGreaterThanOrEqual(0);
    await expectLedgerMatches(lotMat, "RACE");
  });
});

describe("transfers, adjustments, serials", () => {
  it("transfers between locations as two ledger lines of one move", async () => {
    const move = await as(() =>
      Moves.transfer({
        materialId: lotMat,
        lotNo: "L1",
        from: { warehouseId: wh, locationId: a1 },
        to: { warehouseId: wh, locationId: a2 },
        quantity: 15,
      }),
    );
    expect(move.lines.map((l) => [l.kind, l.locationId, l.quantity])).toEqual([
      ["transfer-out", a1, -15],
      ["transfer-in", a2, 15],
    ]);
    await expectLedgerMatches(lotMat, "L1");
  });

  it("adjusts with a reason, never below zero", async () => {
    await as(() =>
      Moves.adjust({
        materialId: lotMat,
        lotNo: "L1",
        warehouseId: wh,
        locationId: a1,
        quantity: -2,
        reason: "damaged",
      }),
    );
    await expect(
      as(() =>
        Moves.adjust({
          materialId: lotMat,
          lotNo: "L1",
          warehouseId: wh,
          locationId: a1,
          quantity: -1000,
          reason: "lost",
        }),
      ),
    ).rejects.toMatchObject({ code: "insufficient-stock" });
    await expectLedgerMatches(lotMat, "L1");
  });

  it("a serial is quantity 1, is in one place, and cannot be issued twice", async () => {
    const s = { materialId: serialMat, serialNo: "SN-001", warehouseId: wh, locationId: a1 };
    await expect(as(() => Moves.receive({ ...s, quantity: 2 }))).rejects.toMatchObject({ code: "serial-quantity-one" });
    await as(() => Moves.receive({ ...s, quantity: 1 }));
    await expect(as(() => Moves.receive({ ...s, locationId: a2, quantity: 1 }))).rejects.toMatchObject({
      code: "serial-in-stock",
    });
    await as(() => Moves.issue({ ...s, quantity: 1 }));
    await expect(as(() => Moves.issue({ ...s, quantity: 1 }))).rejects.toMatchObject({ code: "serial-not-in-stock" });
    await expectLedgerMatches(serialMat, "-");
  });
});

describe("holds, reservations, FEFO", () => {
  it("a hold blocks issue, shipment and staging for shipment; a transfer to quarantine is fine; release lifts it", async () => {
    await as(() =>
      Moves.receive({
        materialId: lotMat,
        lotNo: "H1",
        warehouseId: wh,
        locationId: a1,
        quantity: 10,
        expiresOn: inYears(1),
      }),
    );
    await as(() => Holds.hold({ materialId: lotMat, lotNo: "H1", reason: "supplier complaint" }));
    const at = { materialId: lotMat, lotNo: "H1", warehouseId: wh, locationId: a1, quantity: 1 };
    await expect(as(() => Moves.issue(at))).rejects.toMatchObject({ code: "lot-on-hold" });
    await expect(as(() => Moves.ship({ ...at, reference: "SO-1" }))).rejects.toMatchObject({ code: "lot-on-hold" });
    const transfer = {
      materialId: lotMat,
      lotNo: "H1",
      from: { warehouseId: wh, locationId: a1 },
      to: { warehouseId: wh, locationId: a2 },
      quantity: 1,
    };
    await expect(as(() => Moves.transfer({ ...transfer, purpose: "shipment" }))).rejects.toMatchObject({
      code: "lot-on-hold",
    });
    await as(() => Moves.transfer(transfer));
    await expect(as(() => Holds.hold({ materialId: lotMat, lotNo: "H1", reason: "again" }))).rejects.toMatchObject({
      code: "lot-on-hold",
    });
    await as(() => Holds.release({ materialId: lotMat, lotNo: "H1", reason: "investigation closed" }));
    await as(() => Moves.ship({ ...at, reference: "SO-1" }));
    await expectLedgerMatches(lotMat, "H1");
  });

  it("a receipt into quarantine holds the lot for incoming inspection", async () => {
    await as(() =>
      Moves.receive({
        materialId: lotMat,
        lotNo: "Q1",
        warehouseId: wh,
        locationId: a1,
        quantity: 5,
        expiresOn: inYears(1),
        quarantine: true,
      }),
    );
    const { lot } = await as(() => Stock.lot({ materialId: lotMat, lotNo: "Q1" }));
    expect(lot).toMatchObject({ status: "hold", holdReason: "incoming inspection" });
  });

  it("reserved stock is not available to others; issuing the reservation consumes it; release gives it back", async () => {
    const place = { warehouseId: wh, locationId: a1 };
    await as(() => Moves.receive({ materialId: plainMat, ...place, quantity: 10 }));
    const r = await as(() => Reservations.reserve({ materialId: plainMat, ...place, quantity: 8, reference: "WO-7" }));
    await expect(as(() => Moves.issue({ materialId: plainMat, ...place, quantity: 3 }))).rejects.toMatchObject({
      code: "insufficient-stock",
      details: { available: 2 },
    });
    await as(() => Moves.issue({ materialId: plainMat, ...place, quantity: 8, reservationId: r.reservationId }));
    await expect(
      as(() => Moves.issue({ materialId: plainMat, ...place, quantity: 8, reservationId: r.reservationId })),
    ).rejects.toMatchObject({ code: "reservation-not-open" });
    const r2 = await as(() => Reservations.reserve({ materialId: plainMat, ...place, quantity: 2, reference: "WO-8" }));
    await as(() => Reservations.release({ reservationId: r2.reservationId }));
    const { items } = await as(() => Stock.list({ materialId: plainMat }));
    expect(items[0]).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
    await expectLedgerMatches(plainMat, "-");
  });

  it("FEFO suggests earliest expiry first, skipping held, expired and reserved stock", async () => {
    const m = await as(() =>
      Materials.create({ code: "GEL", name: "Gel", category: "consumable", unit: "pcs", tracking: "lot" }),
    );
    const rc = (lotNo: string, expiresOn: string, quantity: number) =>
      as(() =>
        Moves.receive({ materialId: m.materialId, lotNo, warehouseId: wh, locationId: a1, quantity, expiresOn }),
      );
    await rc("LATE", inYears(3), 50);
    await rc("SOON", inYears(1), 5);
    await rc("HELD", `${new Date().getUTCFullYear() + 1}-01-01`, 50);
    await as(() => Holds.hold({ materialId: m.materialId, lotNo: "HELD", reason: "deviation" }));
    await as(() =>
      Reservations.reserve({
        materialId: m.materialId,
        lotNo: "SOON",
        warehouseId: wh,
        locationId: a1,
        quantity: 2,
        reference: "WO-9",
      }),
    );
    const s = await as(() => Fefo.suggest({ materialId: m.materialId, quantity: 10 }));
    expect(s.picks.map((p) => [p.lotNo, p.quantity])).toEqual([
      ["SOON", 3],
      ["LATE", 7],
    ]);
    expect(s.shortBy).toBe(0);
  });
});

describe("safety stock", () => {
  it("emits one event per crossing below the threshold, not one per move", async () => {
    const m = await as(() =>
      Materials.create({ code: "VALVE", name: "Valve", category: "mechanical", unit: "pcs", tracking: "none" }),
    );
    const place = { warehouseId: wh, locationId: a1 };
    await as(() => Moves.receive({ materialId: m.materialId, ...place, quantity: 20 }));
    const set = await as(() => SafetyStocks.set({ materialId: m.materialId, threshold: 10 }), planner);
    expect(set).toMatchObject({ below: false, available: 20 });
    for (const q of [5, 6, 2]) await as(() => Moves.issue({ materialId: m.materialId, ...place, quantity: q }));
    await as(() => Moves.receive({ materialId: m.materialId, ...place, quantity: 10 }));
    await as(() => Moves.issue({ materialId: m.materialId, ...place, quantity: 10 }));
    const events = await outboxTypes();
    expect(events.filter((t) => t === "Inventory.SafetyStockBelow.v1")).toHaveLength(2);
    expect(events.filter((t) => t === "Inventory.SafetyStockRestored.v1")).toHaveLength(1);
  });
});

describe("safety stock under racing moves", () => {
  it("20 parallel issues across the threshold emit exactly one event, and the level is current", async () => {
    const m = await as(() =>
      Materials.create({ code: "CLAMP", name: "Clamp", category: "mechanical", unit: "pcs", tracking: "none" }),
    );
    const place = { warehouseId: wh, locationId: a2 };
    await as(() => Moves.receive({ materialId: m.materialId, ...place, quantity: 30 }));
    await as(() => SafetyStocks.set({ materialId: m.materialId, threshold: 15 }), planner);
    const before = (await outboxTypes()).filter((t) => t === "Inventory.SafetyStockBelow.v1").length;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => as(() => Moves.issue({ materialId: m.materialId, ...place, quantity: 1 }))),
    );
    const moved = results.filter((r) => r.status === "fulfilled").length;
    const after = (await outboxTypes()).filter((t) => t === "Inventory.SafetyStockBelow.v1").length;
    expect(after - before).toBe(1);
    const { items } = await as(() => SafetyStocks.list(), planner);
    expect(items.find((s) => s.materialId === m.materialId)).toMatchObject({ below: true, available: 30 - moved });
  });
});

describe("cycle counts", () => {
  it("posts variances as count lines once approved by someone else; stale counts are refused", async () => {
    const m = await as(() =>
      Materials.create({ code: "TUBE", name: "Tube", category: "consumable", unit: "pcs", tracking: "lot" }),
    );
    const place = { warehouseId: wh, locationId: a2 };
    await as(() => Moves.receive({ materialId: m.materialId, lotNo: "T1", ...place, quantity: 10 }));
    await as(() => Moves.receive({ materialId: m.materialId, lotNo: "T2", ...place, quantity: 10 }));
    const count = await as(() =>
      Counts.enter({
        ...place,
        lines: [
          { materialId: m.materialId, lotNo: "T1", counted: 8 },
          { materialId: m.materialId, lotNo: "T2", counted: 10 },
        ],
      }),
    );
    expect(count.lines.map((l) => l.variance)).toEqual([-2, 0]);
    await expect(
      as(() => Counts.post({ countId: count.countId, reason: "cycle count week 12" })),
    ).rejects.toMatchObject({
      code: "count-self-approval",
    });
    const posted = await as(() => Counts.post({ countId: count.countId, reason: "cycle count week 12" }), planner);
    expect(posted).toMatchObject({ status: "posted", reason: "cycle count week 12" });
    const { items } = await as(() => Stock.ledgerOfLot({ materialId: m.materialId, lotNo: "T1" }));
    expect(items.at(-1)).toMatchObject({ kind: "count", quantity: -2, reason: "cycle count week 12" });
    await expectLedgerMatches(m.materialId, "T1");

    const stale = await as(() =>
      Counts.enter({ ...place, lines: [{ materialId: m.materialId, lotNo: "T2", counted: 12 }] }),
    );
    await as(() => Moves.issue({ materialId: m.materialId, lotNo: "T2", ...place, quantity: 1 }));
    await expect(as(() => Counts.post({ countId: stale.countId, reason: "late" }), planner)).rejects.toMatchObject({
      code: "count-stale",
    });
    expect((await as(() => Counts.get({ countId: stale.countId }))).status).toBe("entered");
    await expectLedgerMatches(m.materialId, "T2");
  });
});

/** Event types in the outbox (committed with their moves); a test-only scan of this file's own table. */
async function outboxTypes(): Promise<string[]> {
  const client = clientFromEnv();
  const out: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName(),
        ExclusiveStartKey: start,
        FilterExpression: "attribute_exists(detailType)",
      }),
    );
    out.push(...(page.Items ?? []).map((i) => i.detailType as string));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}
