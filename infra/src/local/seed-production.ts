import {
  BatchReleases,
  FinishedGoods,
  InProcessQuality,
  Locations,
  MaterialIssues,
  Materials,
  Moves,
  Operations,
  ProductionOrders,
  Products,
  Users,
  Warehouses,
  withActor,
} from "@medloop/shared";

/**
 * acme-med's demo production, on the master data and stock of the earlier seeds: infusion pumps
 * and patient monitors made in lots — three batches released for sale and received into
 * finished goods (one NC used as-is under concession, one unit scrapped), one order in progress
 * with a failed inspection waiting for its disposition, one just released: 80 serials (every test
 * platform seeds this too, so it is kept small).
 * Shipments of the finished serials are the shipment seed's. Runs in the tenant's system scope;
 * a second run finds the orders and changes nothing.
 */
const PASSWORD = "medloop-demo-2026";
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface Plan {
  product: string;
  lot: string;
  units: number;
  /** How far it got. */
  stage: "released" | "in-progress" | "received";
  nc?: "use-as-is" | "scrap" | "open";
}

const PLANS: Plan[] = [
  { product: "IP-200", lot: "IP2606A", units: 24, stage: "received" },
  { product: "IP-200", lot: "IP2606B", units: 24, stage: "received", nc: "use-as-is" },
  { product: "PM-500", lot: "PM2606A", units: 20, stage: "received", nc: "scrap" },
  { product: "PM-500", lot: "PM2607A", units: 12, stage: "in-progress", nc: "open" },
  { product: "IP-200", lot: "IP2607C", units: 50, stage: "released" },
];

async function place(warehouseCode: string, locationCode: string) {
  const w = (await Warehouses.list()).find((x) => x.code === warehouseCode);
  const l = w && (await Locations.list({ warehouseId: w.warehouseId })).find((x) => x.code === locationCode);
  if (!w || !l) throw new Error(`The production seed needs location ${warehouseCode}/${locationCode}`);
  return { warehouseId: w.warehouseId, locationId: l.locationId };
}

/** Each product's finished units are stocked as the material of the same code. */
async function ensureFgMaterial(code: string, name: string) {
  if (await Materials.byCode({ code })) return;
  await Materials.create({ code, name, category: "sub-assembly", unit: "pcs", tracking: "serial" });
}

export async function seedProduction(tenantId: string): Promise<void> {
  if ((await ProductionOrders.list({})).length) return;
  const products = new Map((await Products.list()).map((p) => [p.code, p]));
  for (const code of ["IP-200", "PM-500"]) await ensureFgMaterial(code, `${products.get(code)!.name} (finished unit)`);
  const users = await Users.list();
  const actorOf = (role: string) => {
    const u = users.find((x) => x.email === `${role}@${tenantId}.test`)!;
    return {
      type: "user" as const,
      tenantId,
      tenantKind: "manufacturer" as const,
      userId: u.userId,
      email: u.email,
      roles: [role as never],
    };
  };
  const as = <T>(role: string, f: () => Promise<T>) => withActor(actorOf(role), f);
  const store = await place("WH-RAW", "A-02-01");
  const finished = await place("WH-FG", "F-01");

  for (const [n, plan] of PLANS.entries()) {
    const product = products.get(plan.product)!;
    const order = await as("planner", () =>
      ProductionOrders.create({
        productId: product.productId,
        quantity: plan.units,
        plannedStart: day(-40 + n * 8),
        fgLotNo: plan.lot,
        fgExpiresOn: day(5 * 365),
      }),
    );
    const orderId = order.orderId;
    // Material: a fresh lot of every lot-tracked BOM line, received and scanned to the order.
    for (const line of order.bom.lines.filter((l) => l.tracking === "lot")) {
      const lotNo = `${plan.lot}-${line.position}`;
      const material = await Materials.get({ materialId: line.materialId });
      await as("warehouse", () =>
        Moves.receive({
          materialId: line.materialId,
          lotNo,
          ...store,
          quantity: Math.ceil(line.quantity * plan.units),
          ...(material.shelfLifeDays ? { expiresOn: day(material.shelfLifeDays - 30) } : {}),
          reference: `PO-${plan.lot}`,
        }),
      );
      await as("operator", () =>
        MaterialIssues.issueMaterial({
          orderId,
          scan: `(10)${lotNo}`,
          materialId: line.materialId,
          ...store,
          quantity: Math.ceil(line.quantity * plan.units),
        }),
      );
    }
    if (plan.stage === "released") continue;
    const serials = Array.from({ length: plan.units }, (_, i) => `${plan.lot}-${String(i + 1).padStart(3, "0")}`);
    const operations = plan.stage === "in-progress" ? order.route.operations.slice(0, 2) : order.route.operations;
    for (const [i, op] of operations.entries()) {
      const start = new Date(Date.parse(`${order.plannedStart}T08:00:00Z`) + i * 3_600_000);
      for (let s = 0; s < serials.length; s += 60) {
        const units = serials.slice(s, s + 60).map((serialNo) => ({ serialNo }));
        await as("operator", () =>
          Operations.report({
            orderId,
            sequence: op.sequence,
            good: units.length,
            startedAt: start.toISOString(),
            finishedAt: new Date(start.getTime() + 50 * 60_000).toISOString(),
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
    if (plan.nc === "use-as-is" || plan.nc === "scrap") {
      const nc = await as("operator", () =>
        InProcessQuality.raise({
          orderId,
          sequence: operations[0]!.sequence,
          description: plan.nc === "scrap" ? "Cracked display bezel after drop" : "Cosmetic scratch on front housing",
          quantity: 1,
          serials: [serials[5]!],
        }),
      );
      await as("quality-engineer", () =>
        InProcessQuality.disposition({
          orderId,
          ncId: nc.ncId,
          disposition: plan.nc as "scrap" | "use-as-is",
          reason: plan.nc === "scrap" ? "Not repairable" : "Cosmetic only, no effect on safety or performance",
          ...(plan.nc === "use-as-is" ? { concessionNo: "CON-2026-007" } : {}),
        }),
      );
    }
    if (plan.stage !== "received") continue;
    await as("quality-engineer", () =>
      BatchReleases.releaseBatch({
        orderId,
        password: PASSWORD,
        meaning: "released",
        statement: "Batch record reviewed; meets specification",
      }),
    );
    await as("warehouse", () => FinishedGoods.receiveFinished({ orderId, ...finished }));
  }
}
