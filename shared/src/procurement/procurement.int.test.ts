import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { Signatures } from "../index.ts";
import { Stock } from "../inventory/index.ts";
import { Certificates, Locations, Materials, Sites, Suppliers, Warehouses } from "../masterdata/index.ts";
import { type Actor, withActor, withScope } from "../tenant/context.ts";
import { Tenants, Users } from "../tenant/index.ts";
import type { Role } from "../tenant/schema.ts";
import { gs1CheckDigit } from "../udi/index.ts";
import { IncomingInspection, PurchaseOrders, Receiving, SupplierParts } from "./index.ts";

const T = "acme-proc";
const PASSWORD = "a long enough password";
const user = (userId: string, roles: Role[]): Actor => ({
  type: "user",
  tenantId: T,
  tenantKind: "manufacturer",
  userId,
  email: `${userId}@acme.test`,
  roles,
});
let buyer: Actor;
let store: Actor;
let quality: Actor;
let inspector: Actor;
const as = <R>(actor: Actor, fn: () => Promise<R>) => withActor(actor, fn);
/** A request with an Idempotency-Key, as the HTTP layer scopes it. */
const keyed = <R>(actor: Actor, key: string, fn: () => Promise<R>) =>
  withScope({ actor, idempotency: { key, requestHash: `hash-${key}` } }, fn);

const gtin = (base13: string) => base13 + gs1CheckDigit(base13);
const SENSOR_GTIN = gtin("0695012345001");
const HOUSING_GTIN = gtin("0695012345002");
const STRANGER_GTIN = gtin("0695012345009");
const future = `${new Date().getUTCFullYear() + 2}-06-30`;
const yymmdd = (iso: string) => iso.slice(2).replaceAll("-", "");
const label = (g: string, lot: string, count?: number) =>
  `(01)${g}(17)${yymmdd(future)}(10)${lot}${count ? `(37)${count}` : ""}`;

let place: { warehouseId: string; locationId: string };
let sensor: string;
let housing: string;
let goodSupplier: string;
let lapsedSupplier: string;
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function approvedPo(supplierId: string, materialId: string, quantity: number, tolerancePct = 0) {
  const po = await as(buyer, () =>
    PurchaseOrders.create({
      supplierId,
      tolerancePct,
      lines: [{ materialId, quantity, unit: "pcs", dueDate: day(14) }],
    }),
  );
  await as(buyer, () => PurchaseOrders.approve({ poId: po.poId }));
  return po.poId;
}

beforeAll(async () => {
  await ensureTestTable();
  const system: Actor = { type: "system", tenantId: T, tenantKind: "manufacturer", name: "test" };
  const users = await as(system, async () => {
    await Tenants.create({ name: "Acme", kind: "manufacturer", defaultLocale: "en" });
    const make = (name: string, role: "buyer" | "warehouse" | "quality-engineer" | "qc-inspector") =>
      Users.create({ email: `${name}@acme.test`, name, roles: [role], password: PASSWORD });
    return Promise.all([
      make("bob", "buyer"),
      make("wanda", "warehouse"),
      make("quinn", "quality-engineer"),
      make("ivy", "qc-inspector"),
    ]);
  });
  buyer = user(users[0].userId, ["buyer"]);
  store = user(users[1].userId, ["warehouse"]);
  quality = user(users[2].userId, ["quality-engineer"]);
  inspector = user(users[3].userId, ["qc-inspector"]);
  await as(system, async () => {
    const site = await Sites.create({ code: "SZ", name: "Suzhou", timezone: "Asia/Shanghai" });
    const w = await Warehouses.create({ code: "QA", name: "Quarantine", siteId: site.siteId, purpose: "quarantine" });
    const l = await Locations.create({ warehouseId: w.warehouseId, code: "Q-01", name: "Cage", kind: "quarantine" });
    place = { warehouseId: w.warehouseId, locationId: l.locationId };
    sensor = (
      await Materials.create({ code: "SNS", name: "Sensor", category: "electronic", unit: "pcs", tracking: "lot" })
    ).materialId;
    housing = (
      await Materials.create({ code: "HSG", name: "Housing", category: "mechanical", unit: "pcs", tracking: "lot" })
    ).materialId;
    goodSupplier = (await Suppliers.create({ code: "GOOD", name: "Good Co", country: "CN", approval: "approved" }))
      .supplierId;
    lapsedSupplier = (
      await Suppliers.create({ code: "LAPSED", name: "Lapsed Co", country: "CN", approval: "conditional" })
    ).supplierId;
    const cert = { type: "iso-13485" as const, issuer: "TÜV", scopeMaterialIds: [], validFrom: day(-400) };
    await Certificates.create({
      ...cert,
      supplierId: goodSupplier,
      code: "C-GOOD",
      scopeCategories: ["electronic"],
      expiresOn: day(300),
    });
    await Certificates.create({
      ...cert,
      supplierId: lapsedSupplier,
      code: "C-LAPSED",
      scopeCategories: ["mechanical"],
      expiresOn: day(-10),
    });
  });
  await as(buyer, async () => {
    await SupplierParts.create({
      gtin: SENSOR_GTIN,
      materialId: sensor,
      supplierId: goodSupplier,
      supplierPartNo: "GS-1",
    });
    await SupplierParts.create({ gtin: HOUSING_GTIN, materialId: housing, supplierId: lapsedSupplier });
  });
});

describe("purchase orders", () => {
  it("goes draft → approved → closed, and refuses what its state does not allow", async () => {
    const po = await as(buyer, () =>
      PurchaseOrders.create({
        supplierId: goodSupplier,
        lines: [{ materialId: sensor, quantity: 100, unit: "pcs", dueDate: day(30) }],
      }),
    );
    expect(po).toMatchObject({
      status: "draft",
      supplierCode: "GOOD",
      lines: [{ lineNo: 1, materialCode: "SNS", received: 0 }],
    });
    await expect(as(buyer, () => PurchaseOrders.close({ poId: po.poId, reason: "not yet" }))).rejects.toMatchObject({
      code: "po-status",
    });
    expect((await as(buyer, () => PurchaseOrders.approve({ poId: po.poId }))).order.status).toBe("approved");
    expect(
      (await as(buyer, () => PurchaseOrders.close({ poId: po.poId, reason: "short delivery ok" }))).order,
    ).toMatchObject({
      status: "closed",
      closeReason: "short delivery ok",
    });
    const list = await as(buyer, () => PurchaseOrders.list({ status: "closed" }));
    expect(list.map((p) => p.poId)).toContain(po.poId);
  });

  it("orders only from approved suppliers, in the material's own unit", async () => {
    const blocked = await as(buyer, () =>
      Suppliers.create({ code: "BLK", name: "Blocked", country: "CN", approval: "blocked" }),
    );
    const line = { materialId: sensor, quantity: 1, unit: "pcs" as const, dueDate: day(3) };
    await expect(
      as(buyer, () => PurchaseOrders.create({ supplierId: blocked.supplierId, lines: [line] })),
    ).rejects.toMatchObject({
      code: "supplier-not-approved",
    });
    await expect(
      as(buyer, () => PurchaseOrders.create({ supplierId: goodSupplier, lines: [{ ...line, unit: "kg" }] })),
    ).rejects.toMatchObject({ code: "unit-mismatch" });
  });
});

describe("receipt by scanning the supplier label", () => {
  it("posts the stock into quarantine, counts it on the line and records the lot's origin", async () => {
    const poId = await approvedPo(goodSupplier, sensor, 100);
    const receipt = await as(store, () => Receiving.receive({ poId, scan: label(SENSOR_GTIN, "S-100", 60), ...place }));
    expect(receipt).toMatchObject({
      lotNo: "S-100",
      quantity: 60,
      expiresOn: future,
      status: "awaiting-inspection",
      override: null,
    });
    expect(receipt.certificates.map((c) => c.code)).toEqual(["C-GOOD"]);
    const { lot, balances } = await as(store, () => Stock.lot({ materialId: sensor, lotNo: "S-100" }));
    expect(lot).toMatchObject({ status: "hold", holdReason: "incoming inspection" });
    expect(balances).toMatchObject([{ onHand: 60, locationId: place.locationId }]);
    const detail = await as(store, () => PurchaseOrders.get({ poId }));
    expect(detail.order.lines[0]!.received).toBe(60);
    expect(detail.receipts.map((r) => r.receiptId)).toEqual([receipt.receiptId]);
    expect(await as(store, () => Receiving.originOf(sensor, "S-100"))).toMatchObject({
      supplierCode: "GOOD",
      supplierLotNo: "S-100",
      poId,
      receiptIds: [receipt.receiptId],
      certificates: [{ code: "C-GOOD" }],
      inspection: null,
    });
  });

  it("refuses an unreadable label, a part not on the order and an over-receipt, writing nothing", async () => {
    const poId = await approvedPo(goodSupplier, sensor, 10, 10);
    const refuse = (scan: string, quantity?: number) =>
      as(store, () => Receiving.receive({ poId, scan, ...place, ...(quantity ? { quantity } : {}) }));
    await expect(refuse("(01)12345(10)X")).rejects.toMatchObject({ code: "label-unreadable" });
    await expect(refuse(label(STRANGER_GTIN, "X-1", 1))).rejects.toMatchObject({ code: "unknown-part" });
    await expect(refuse(label(HOUSING_GTIN, "H-1", 1))).rejects.toMatchObject({ code: "wrong-supplier" });
    // 10 ordered + 10 % tolerance = 11 at most.
    await expect(refuse(label(SENSOR_GTIN, "S-200"), 12)).rejects.toMatchObject({
      code: "over-receipt",
      details: { maxReceivable: 11 },
    });
    await expect(refuse(label(SENSOR_GTIN, "S-200"))).rejects.toMatchObject({ code: "quantity-required" });
    await expect(as(store, () => Stock.lot({ materialId: sensor, lotNo: "S-200" }))).rejects.toMatchObject({
      kind: "not-found",
    });
    const detail = await as(store, () => PurchaseOrders.get({ poId }));
    expect(detail.order.lines[0]!.received).toBe(0);
    expect(detail.receipts).toEqual([]);
    expect(await as(store, () => Receiving.originOf(sensor, "S-200"))).toBeUndefined();
    // Within the tolerance it is taken.
    await as(store, () => Receiving.receive({ poId, scan: label(SENSOR_GTIN, "S-200", 11), ...place }));
    await expect(refuse(label(SENSOR_GTIN, "S-201", 1))).rejects.toMatchObject({ code: "over-receipt" });
  });

  it("answers a retried receipt (same Idempotency-Key) with the first receipt and receives once", async () => {
    const poId = await approvedPo(goodSupplier, sensor, 50);
    const receiveOnce = () =>
      keyed(store, "receipt-key-0001", () =>
        Receiving.receive({ poId, scan: label(SENSOR_GTIN, "S-300", 50), ...place }),
      );
    const first = await receiveOnce();
    const again = await receiveOnce();
    expect(again).toEqual(first);
    const detail = await as(store, () => PurchaseOrders.get({ poId }));
    expect(detail.order.lines[0]!.received).toBe(50);
    expect(detail.receipts).toHaveLength(1);
    const { balances } = await as(store, () => Stock.lot({ materialId: sensor, lotNo: "S-300" }));
    expect(balances[0]!.onHand).toBe(50);
  });

  it("never receives beyond a line's limit under concurrent scans", async () => {
    const poId = await approvedPo(goodSupplier, sensor, 20);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        as(store, () => Receiving.receive({ poId, scan: label(SENSOR_GTIN, `S-4${i}`, 5), ...place })),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    expect(ok).toBe(4);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "over-receipt" });
    const detail = await as(store, () => PurchaseOrders.get({ poId }));
    expect(detail.order.lines[0]!.received).toBe(20);
    expect(detail.receipts).toHaveLength(4);
  });
});

describe("supplier qualification gate", () => {
  const housingLabel = (lot: string) => label(HOUSING_GTIN, lot, 20);

  it("refuses a supplier whose certificate expired", async () => {
    const poId = await approvedPo(lapsedSupplier, housing, 100);
    await expect(
      as(store, () => Receiving.receive({ poId, scan: housingLabel("H-1"), ...place })),
    ).rejects.toMatchObject({
      code: "supplier-not-qualified",
      details: { reasons: ["certificate-expired"] },
    });
  });

  it("lets only quality override, and a wrong password signs nothing and writes nothing", async () => {
    const poId = await approvedPo(lapsedSupplier, housing, 100);
    const override = { reason: "Renewal audit passed, certificate in the post", password: PASSWORD };
    await expect(
      as(store, () => Receiving.receive({ poId, scan: housingLabel("H-2"), ...place, override })),
    ).rejects.toMatchObject({ code: "override-not-allowed", kind: "forbidden" });
    await expect(
      as(quality, () =>
        Receiving.receive({
          poId,
          scan: housingLabel("H-2"),
          ...place,
          override: { ...override, password: "wrong one" },
        }),
      ),
    ).rejects.toMatchObject({ code: "signature-invalid" });
    const detail = await as(quality, () => PurchaseOrders.get({ poId }));
    expect(detail.receipts).toEqual([]);
    expect(detail.order.lines[0]!.received).toBe(0);
    await expect(as(store, () => Stock.lot({ materialId: housing, lotNo: "H-2" }))).rejects.toMatchObject({
      kind: "not-found",
    });
    expect(await as(quality, () => Signatures.listFor(`purchase-order/${poId}`))).toEqual([]);
  });

  it("records a signed override with the receipt and the lot's origin", async () => {
    const poId = await approvedPo(lapsedSupplier, housing, 100);
    const reason = "Renewal audit passed, certificate in the post";
    const receipt = await as(quality, () =>
      Receiving.receive({ poId, scan: housingLabel("H-3"), ...place, override: { reason, password: PASSWORD } }),
    );
    expect(receipt.override).toMatchObject({
      reason,
      meaning: "override",
      signerId: quality.type === "user" ? quality.userId : "",
      qualificationIssues: ["certificate-expired"],
    });
    const signatures = await as(quality, () =>
      Signatures.listFor(`purchase-order/${poId}/receipt/${receipt.receiptId}`),
    );
    expect(signatures).toMatchObject([{ signatureId: receipt.override!.signatureId, meaning: "override" }]);
    expect(await as(quality, () => Receiving.originOf(housing, "H-3"))).toMatchObject({
      supplierCode: "LAPSED",
      override: { signatureId: receipt.override!.signatureId },
    });
  });
});

describe("incoming inspection", () => {
  it("accepting within the plan releases the lot and records the result on its origin", async () => {
    const poId = await approvedPo(goodSupplier, sensor, 500);
    const r = await as(store, () => Receiving.receive({ poId, scan: label(SENSOR_GTIN, "S-500", 500), ...place }));
    const base = {
      poId,
      receiptId: r.receiptId,
      aql: "1.0" as const,
      characteristics: [{ name: "Visual", nonconforming: 2 }],
    };
    // Lot 500 at AQL 1.0: n = 50, Ac 1, Re 2.
    await expect(
      as(inspector, () => IncomingInspection.inspect({ ...base, defectives: 2, decision: "accept" })),
    ).rejects.toMatchObject({
      code: "plan-requires-rejection",
    });
    const inspection = await as(inspector, () =>
      IncomingInspection.inspect({ ...base, defectives: 1, decision: "accept" }),
    );
    expect(inspection).toMatchObject({ result: "accepted", plan: { sampleSize: 50, acceptance: 1, rejection: 2 } });
    expect((await as(store, () => Stock.lot({ materialId: sensor, lotNo: "S-500" }))).lot.status).toBe("released");
    expect((await as(store, () => Receiving.originOf(sensor, "S-500")))?.inspection).toMatchObject({
      result: "accepted",
    });
    await expect(
      as(inspector, () => IncomingInspection.inspect({ ...base, defectives: 0, decision: "accept" })),
    ).rejects.toMatchObject({
      code: "already-inspected",
    });
  });

  it("rejecting keeps the lot on hold and records the rejection with its reason", async () => {
    const poId = await approvedPo(goodSupplier, sensor, 80);
    const r = await as(store, () => Receiving.receive({ poId, scan: label(SENSOR_GTIN, "S-600", 80), ...place }));
    const inspection = await as(inspector, () =>
      IncomingInspection.inspect({
        poId,
        receiptId: r.receiptId,
        aql: "0.65",
        characteristics: [
          { name: "Pressure offset", requirement: "±0.5 kPa", measured: "0.9 kPa on 3", nonconforming: 3 },
        ],
        defectives: 3,
        decision: "reject",
        reason: "Offset out of tolerance on 3 of 20",
      }),
    );
    expect(inspection).toMatchObject({ result: "rejected", rejection: { disposition: "return-to-supplier" } });
    expect((await as(store, () => Stock.lot({ materialId: sensor, lotNo: "S-600" }))).lot.status).toBe("hold");
    const detail = await as(store, () => PurchaseOrders.get({ poId }));
    expect(detail.receipts[0]!.status).toBe("rejected");
    expect(detail.inspections).toHaveLength(1);
  });
});
