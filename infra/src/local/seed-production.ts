import {
  BatchReleases,
  FinishedGoods,
  InProcessQuality,
  Locations,
  MaterialIssues,
  nowIso,
  Operations,
  ProductionOrders,
  type ProductionSchema,
  Products,
  Warehouses,
} from "@medloop/shared";
import { DEMO_PASSWORD, demoUsers } from "./seed-actors.ts";
import { DEMO_SUPPLIER_PARTS, type LotPurchase, purchaseLots } from "./seed-procurement.ts";
import { onDay, plusDays } from "./seed-story.ts";

/**
 * acme-med's demo production, on the master data of the earlier seeds: infusion pumps, syringe
 * pumps and patient monitors made in lots by orders planned over the first half of 2026 — seven
 * batches released for sale and received into finished goods (one NC scrapped, one reworked, one
 * used as-is under concession), one order in progress with a failed leakage-current check waiting
 * for its disposition, one just released: 290 serials. The shipment seed ships from them.
 * Every component lot is bought from its supplier first (purchase order, label scan, incoming
 * inspection), and one supplier lot feeds several orders, so a trace runs from supplier to bedside.
 * The work is recorded on the days it happens (orders planned two weeks ahead, one operation a
 * day from the planned start, release and receipt after the last) by the users of each role. A
 * second run finds the orders and changes nothing.
 */

interface Plan {
  product: string;
  lot: string;
  units: number;
  plannedStart: string;
  /** How far it got. */
  stage: "released" | "in-progress" | "received";
  nc?: "use-as-is" | "scrap" | "rework" | "open";
}

/** Lot numbers as the label prints them: model and year-month of manufacture. */
const PLANS: Plan[] = [
  { product: "IP-200", lot: "IP200-2601", units: 45, plannedStart: "2026-01-12", stage: "received" },
  { product: "IP-200", lot: "IP200-2602", units: 45, plannedStart: "2026-02-02", stage: "received", nc: "use-as-is" },
  { product: "SP-100", lot: "SP100-2601", units: 30, plannedStart: "2026-01-19", stage: "received", nc: "rework" },
  { product: "PM-500", lot: "PM500-2601", units: 40, plannedStart: "2026-01-26", stage: "received", nc: "scrap" },
  { product: "PM-500", lot: "PM500-2603", units: 40, plannedStart: "2026-03-09", stage: "received" },
  { product: "PM-300", lot: "PM300-2601", units: 30, plannedStart: "2026-01-28", stage: "received" },
  { product: "PM-300", lot: "PM300-2602", units: 30, plannedStart: "2026-02-23", stage: "received" },
  { product: "IP-200", lot: "IP200-2606", units: 30, plannedStart: "2026-06-08", stage: "in-progress", nc: "open" },
  { product: "PM-500", lot: "PM500-2606", units: 30, plannedStart: "2026-06-22", stage: "released" },
];

/** `IP200-2601-0007`: the lot and a running number, within GS1's 20 characters for AI (21). */
export const serialOf = (lot: string, n: number) => `${lot}-${String(n).padStart(4, "0")}`;

type Disposition = "use-as-is" | "scrap" | "rework";

const NC_TEXT: Record<Disposition, { description: string; reason: string }> = {
  scrap: { description: "Cracked display bezel after drop", reason: "Not repairable" },
  rework: { description: "Motor connector not fully seated", reason: "Reseat connector and repeat the flow test" },
  "use-as-is": {
    description: "Cosmetic scratch on front housing",
    reason: "Cosmetic only, no effect on safety or performance",
  },
};

async function place(warehouseCode: string, locationCode: string) {
  const w = (await Warehouses.list()).find((x) => x.code === warehouseCode);
  const l = w && (await Locations.list({ warehouseId: w.warehouseId })).find((x) => x.code === locationCode);
  if (!w || !l) throw new Error(`The production seed needs location ${warehouseCode}/${locationCode}`);
  return { warehouseId: w.warehouseId, locationId: l.locationId };
}

/** Component lots are bought twice a half-year: the lots of December feed the orders to February. */
const PURCHASE_BATCHES = [
  { batch: "2512", boughtOn: "2025-12-08" },
  { batch: "2602", boughtOn: "2026-02-16" },
] as const;
const purchaseBatch = (plan: Plan) => (plan.plannedStart < "2026-03-01" ? "2512" : "2602");

/** Each lot-tracked BOM line's need over the orders, as one supplier lot per material and batch. */
function lotsToBuy(made: { plan: Plan; order: ProductionSchema.Order }[]): LotPurchase[] {
  const needs = new Map<string, LotPurchase>();
  for (const { plan, order } of made) {
    for (const line of order.bom.lines.filter((l) => l.tracking === "lot")) {
      const part = DEMO_SUPPLIER_PARTS.find((p) => p.material === line.materialCode);
      if (!part) throw new Error(`The demo seed buys ${line.materialCode} from no supplier`);
      const lotNo = `${part.partNo}-${purchaseBatch(plan)}`;
      const need = needs.get(lotNo) ?? {
        material: line.materialCode,
        lotNo,
        quantity: 0,
        unit: line.unit as LotPurchase["unit"],
      };
      need.quantity += Math.ceil(line.quantity * plan.units);
      needs.set(lotNo, need);
    }
  }
  // A few percent over the need, as a buyer orders: the lots keep some stock after production.
  return [...needs.values()].map((n) => ({ ...n, quantity: Math.ceil(n.quantity * 1.05) }));
}

export async function seedProduction(tenantId: string): Promise<void> {
  if ((await ProductionOrders.list({})).length) return;
  const products = new Map((await Products.list()).map((p) => [p.code, p]));
  const codes = [...new Set(PLANS.map((p) => p.product))];
  const as = await demoUsers(tenantId);
  const store = await place("WH-RAW", "A-02-01");
  const finished = await place("WH-FG", "F-01");

  // The planner releases each order two weeks ahead; purchasing buys what their BOM snapshots need.
  const made: { plan: Plan; order: ProductionSchema.Order }[] = [];
  for (const plan of PLANS) {
    const order = await onDay(plusDays(plan.plannedStart, -14), () =>
      as("planner", () =>
        ProductionOrders.create({
          productId: products.get(plan.product)!.productId,
          quantity: plan.units,
          plannedStart: plan.plannedStart,
          fgLotNo: plan.lot,
          fgExpiresOn: plusDays(plan.plannedStart, 5 * 365),
        }),
      ),
    );
    made.push({ plan, order });
  }
  const buys = lotsToBuy(made);
  for (const { batch, boughtOn } of PURCHASE_BATCHES) {
    const lots = buys.filter((b) => b.lotNo.endsWith(`-${batch}`));
    await onDay(boughtOn, () => purchaseLots(lots, as, store));
  }

  async function make(plan: Plan, order: ProductionSchema.Order) {
    const orderId = order.orderId;
    const day = (n: number) => plusDays(plan.plannedStart, n);
    // On the planned start the operator scans each lot-tracked line's lot to the order.
    await onDay(day(0), () => issue(plan, order));
    if (plan.stage === "released") return;
    const serials = Array.from({ length: plan.units }, (_, i) => serialOf(plan.lot, i + 1));
    const operations = plan.stage === "in-progress" ? order.route.operations.slice(0, 2) : order.route.operations;
    for (const [i, op] of operations.entries()) {
      await onDay(day(i), () => perform(order, serials, i, op));
    }
    const after = day(operations.length);
    if (plan.nc === "open") await onDay(after, () => failPatrol(order, serials, operations[1]!.sequence));
    const nc = plan.nc;
    if (nc && nc !== "open") await onDay(after, () => disposeNc(order, nc, serials, operations[0]!.sequence));
    if (plan.stage !== "received") return;
    await onDay(plusDays(after, 1), () =>
      as("quality-engineer", () =>
        BatchReleases.releaseBatch({
          orderId,
          password: DEMO_PASSWORD,
          meaning: "released",
          statement: "Batch record reviewed; meets specification",
        }),
      ),
    );
    await onDay(plusDays(after, 2), () =>
      as("warehouse", () => FinishedGoods.receiveFinished({ orderId, ...finished })),
    );
  }

  async function issue(plan: Plan, order: ProductionSchema.Order) {
    const orderId = order.orderId;
    for (const line of order.bom.lines.filter((l) => l.tracking === "lot")) {
      const part = DEMO_SUPPLIER_PARTS.find((p) => p.material === line.materialCode)!;
      await as("operator", () =>
        MaterialIssues.issueMaterial({
          orderId,
          scan: `(10)${part.partNo}-${purchaseBatch(plan)}`,
          materialId: line.materialId,
          ...store,
          quantity: Math.ceil(line.quantity * plan.units),
        }),
      );
    }
  }

  /** One operation's day: the operator reports every serial through it; the first gets a first-article check. */
  async function perform(
    order: ProductionSchema.Order,
    serials: string[],
    i: number,
    op: ProductionSchema.Order["route"]["operations"][number],
  ) {
    const orderId = order.orderId;
    const startedAt = nowIso();
    for (let s = 0; s < serials.length; s += 60) {
      const units = serials.slice(s, s + 60).map((serialNo) => ({ serialNo }));
      await as("operator", () =>
        Operations.report({
          orderId,
          sequence: op.sequence,
          good: units.length,
          startedAt,
          finishedAt: nowIso(),
          equipment: `${op.workCentreCode}-EQ${(i % 3) + 1}`,
          units,
        }),
      );
    }
    if (i > 0) return;
    await as("qc-inspector", () =>
      InProcessQuality.inspect({
        orderId,
        kind: "first-article",
        sequence: op.sequence,
        sampleSize: 1,
        serials: [serials[0]!],
        measurements: [
          { characteristic: "Flow rate accuracy", value: 2.1, lower: -5, upper: 5, unit: "%" },
          { characteristic: "Occlusion alarm pressure", value: 72, lower: 60, upper: 90, unit: "kPa" },
        ],
        equipment: "FLOW-ANALYSER-02",
      }),
    );
  }

  /** A failed measurement raises the NC that stays open, waiting for quality's disposition. */
  const failPatrol = (order: ProductionSchema.Order, serials: string[], sequence: number) =>
    as("qc-inspector", () =>
      InProcessQuality.inspect({
        orderId: order.orderId,
        kind: "patrol",
        sequence,
        sampleSize: 5,
        serials: serials.slice(10, 12),
        measurements: [{ characteristic: "Leakage current", value: 120, upper: 100, unit: "µA" }],
        equipment: "SAFETY-TESTER-01",
      }),
    );

  /** An NC the operator raises and quality disposes of. */
  async function disposeNc(
    order: ProductionSchema.Order,
    disposition: Disposition,
    serials: string[],
    sequence: number,
  ) {
    const orderId = order.orderId;
    const nc = await as("operator", () =>
      InProcessQuality.raise({
        orderId,
        sequence,
        description: NC_TEXT[disposition].description,
        quantity: 1,
        serials: [serials[5]!],
      }),
    );
    await as("quality-engineer", () =>
      InProcessQuality.disposition({
        orderId,
        ncId: nc.ncId,
        disposition,
        reason: NC_TEXT[disposition].reason,
        ...(disposition === "use-as-is" ? { concessionNo: "CON-2026-007" } : {}),
      }),
    );
  }

  // One product's orders after another; the products side by side.
  await Promise.all(
    codes.map(async (code) => {
      for (const { plan, order } of made.filter((m) => m.plan.product === code)) await make(plan, order);
    }),
  );
}
