import {
  Boms,
  Locations,
  Materials,
  ProcessRoutes,
  Products,
  Sites,
  Warehouses,
  WorkCentres,
} from "../masterdata/index.ts";

/**
 * Master data for production tests: a pump with a lot-tracked sensor, a serialised main board
 * and its finished-goods material, a BOM and a three-step route (assembly, test, final QC).
 * Runs inside the caller's scope.
 */
export async function productionMasterData() {
  const site = await Sites.create({ code: "SZ", name: "Suzhou", timezone: "Asia/Shanghai" });
  const raw = await Warehouses.create({ code: "RAW", name: "Raw", siteId: site.siteId, purpose: "raw-material" });
  const fg = await Warehouses.create({ code: "FG", name: "Finished", siteId: site.siteId, purpose: "finished-goods" });
  const rack = await Locations.create({ warehouseId: raw.warehouseId, code: "A-01", name: "A 01", kind: "rack" });
  const floor = await Locations.create({ warehouseId: fg.warehouseId, code: "F-01", name: "F 01", kind: "floor" });
  const base = { category: "electronic" as const, unit: "pcs" as const };
  const sensor = await Materials.create({ ...base, code: "SNS", name: "Pressure sensor", tracking: "lot" });
  const board = await Materials.create({ ...base, code: "PCB", name: "Main board", tracking: "serial" });
  const housing = await Materials.create({ ...base, code: "HSG", name: "Housing", tracking: "lot" });
  const pumpFg = await Materials.create({ ...base, code: "IP-9", name: "Pump IP-9", tracking: "serial" });
  const product = await Products.create({
    code: "IP-9",
    name: "Pump IP-9",
    udiDi: "06950123450012",
    deviceClass: "IIb",
    modelNumber: "IP-9",
    modelVersion: "HW1",
    tracking: "serial",
  });
  const centre = (code: string, kind: "assembly-line" | "test-bench" | "inspection") =>
    WorkCentres.create({ code, name: code, kind, siteId: site.siteId });
  const [assy, test, qc] = await Promise.all([
    centre("ASSY", "assembly-line"),
    centre("TEST", "test-bench"),
    centre("QC", "inspection"),
  ]);
  const productId = product.productId;
  await Boms.create({
    productId,
    note: "v1",
    lines: [
      { position: 10, materialId: sensor.materialId, quantity: 2, unit: "pcs" },
      { position: 20, materialId: board.materialId, quantity: 1, unit: "pcs" },
      { position: 30, materialId: housing.materialId, quantity: 1, unit: "pcs" },
    ],
  });
  await Boms.release({ productId, revision: 1, effectiveFrom: "2026-01-01", reason: "design transfer" });
  const op = (sequence: number, code: string, workCentreId: string, inspection: "none" | "first-article") => ({
    sequence,
    code,
    name: code,
    workCentreId,
    setupMinutes: 5,
    runMinutes: 10,
    inspection,
  });
  await ProcessRoutes.create({
    productId,
    note: "v1",
    operations: [
      op(10, "ASSEMBLE", assy.workCentreId, "first-article"),
      op(20, "TEST", test.workCentreId, "none"),
      op(30, "FINAL-QC", qc.workCentreId, "none"),
    ],
  });
  await ProcessRoutes.release({ productId, revision: 1, effectiveFrom: "2026-01-01", reason: "validated" });
  return {
    productId,
    sensor: sensor.materialId,
    board: board.materialId,
    housing: housing.materialId,
    pumpFg: pumpFg.materialId,
    rawPlace: { warehouseId: raw.warehouseId, locationId: rack.locationId },
    fgPlace: { warehouseId: fg.warehouseId, locationId: floor.locationId },
  };
}
