import {
  BatchReleases,
  FinishedGoods,
  InProcessQuality,
  Locations,
  MaterialIssues,
  Operations,
  ProductionOrders,
  type ProductionSchema,
  Products,
  Warehouses,
} from "@medloop/shared";
import { DEMO_PASSWORD, demoUsers } from "./seed-actors.ts";
import { DEMO_SUPPLIER_PARTS, type LotPurchase, purchaseLots } from "./seed-procurement.ts";

/**
 * acme-med's demo production, on the master data of the earlier seeds: infusion pumps, syringe
 * pumps and patient monitors made in lots by orders planned over the first half of 2026 — seven
 * batches released for sale and received into finished goods (one NC scrapped, one reworked, one
 * used as-is under concession), one order in progress with a failed leakage-current check waiting
 * for its disposition, one just released: 290 serials. The shipment seed ships from them.
 * Every component lot is bought from its supplier first (purchase order, label scan, incoming
 * inspection), and one supplier lot feeds several orders, so a trace runs from supplier to bedside.
 * The work is recorded as it happens, at seeding time and in shop-floor order, by the users of
 * each role. A second run finds the orders and changes nothing.
 */
const plusDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

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

const NC_TEXT = {
  scrap: { description: "Cracked display bezel after drop", reason: "Not repairable" },
  rework: { description: "Motor connector not fully seated", reason: "Reseat connector and repeat the flow test" },
  "use-as-is": {
    description: "Cosmetic scratch on front housing",
    reason: "Cosmetic only, no effect on safety or performance",
  },
} as const;

async function place(warehouseCode: string, locationCode: string) {
  const w = (await Warehouses.list()).find((x) => x.code === warehouseCode);
  const l = w && (await Locations.list({ warehouseId: w.warehouseId })).find((x) => x.code === locationCode);
  if (!w || !l) throw new Error(`The production seed needs location ${warehouseCode}/${locationCode}`);
  return { warehouseId: w.warehouseId, locationId: l.locationId };
}

/** Component lots are bought twice a half-year: the lots of December feed the orders to February. */
const purchaseBatch = (plan: Plan) => (plan.plannedStart < "2026-03-01" ? "2512" : "2604");

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

  // The planner releases the orders; purchasing buys what their BOM snapshots need.
  const made: { plan: Plan; order: ProductionSchema.Order }[] = [];
  for (const plan of PLANS) {
    const order = await as("planner", () =>
      ProductionOrders.create({
        productId: products.get(plan.product)!.productId,
        quantity: plan.units,
        plannedStart: plan.plannedStart,
        fgLotNo: plan.lot,
        fgExpiresOn: plusDays(plan.plannedStart, 5 * 365),
      }),
    );
    made.push({ plan, order });
  }
  await purchaseLots(lotsToBuy(made), as, store);

  async function make(plan: Plan, order: ProductionSchema.Order) {
    const orderId = order.orderId;
    // The operator scans each lot-tracked line's lot to the order.
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
    if (plan.stage === "released") return;
    const serials = Array.from({ length: plan.units }, (_, i) => serialOf(plan.lot, i + 1));
    const operations = plan.stage === "in-progress" ? order.route.operations.slice(0, 2) : order.route.operations;
    for (const [i, op] of operations.entries()) {
      // Reported as done now: every record of the order then stands in shop-floor order in time.
      const startedAt = new Date().toISOString();
      for (let s = 0; s < serials.length; s += 60) {
        const units = serials.slice(s, s + 60).map((serialNo) => ({ serialNo }));
        await as("operator", () =>
          Operations.report({
            orderId,
            sequence: op.sequence,
            good: units.length,
            startedAt,
            finishedAt: new Date().toISOString(),
            equipment: `${op.workCentreCode}-EQ${(i % 3) + 1}`,
            units,
          }),
        );
      }
      if (i === 0) {
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
    }
    if (plan.nc === "open") {
      // A failed measurement raises the NC that stays open, waiting for quality's disposition.
      await as("qc-inspector", () =>
        InProcessQuality.inspect({
          orderId,
          kind: "patrol",
          sequence: operations[1]!.sequence,
          sampleSize: 5,
          serials: serials.slice(10, 12),
          measurements: [{ characteristic: "Leakage current", value: 120, upper: 100, unit: "µA" }],
          equipment: "SAFETY-TESTER-01",
        }),
      );
    }
    if (plan.nc && plan.nc !== "open") {
      const disposition = plan.nc;
      const nc = await as("operator", () =>
        InProcessQuality.raise({
          orderId,
          sequence: operations[0]!.sequence,
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
    if (plan.stage !== "received") return;
    await as("quality-engineer", () =>
      BatchReleases.releaseBatch({
        orderId,
        password: DEMO_PASSWORD,
        meaning: "released",
        statement: "Batch record reviewed; meets specification",
      }),
    );
    await as("warehouse", () => FinishedGoods.receiveFinished({ orderId, ...finished }));
  }

  // One product's orders after another; the products side by side.
  await Promise.all(
    codes.map(async (code) => {
      for (const { plan, order } of made.filter((m) => m.plan.product === code)) await make(plan, order);
    }),
  );
}
