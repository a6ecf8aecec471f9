import {
  Counts,
  Holds,
  Locations,
  Materials,
  Moves,
  Reservations,
  SafetyStocks,
  Sites,
  Stock,
  Warehouses,
} from "@medloop/shared";

/**
 * Demo stock for the manufacturer: lots with expiries, one lot on quality hold, one lot near
 * expiry, a serialised device, a material below its safety stock, an open reservation and a count
 * waiting for approval. Master data it needs is found by code, or created. Runs inside the
 * tenant's scope; a second run finds the first lot and changes nothing.
 */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function site() {
  const found = (await Sites.list()).find((s) => s.code === "SZ");
  return found ?? Sites.create({ code: "SZ", name: "Suzhou plant", timezone: "Asia/Shanghai" });
}

async function warehouse(siteId: string, code: string, name: string, purpose: "raw-material" | "finished-goods") {
  const found = (await Warehouses.list()).find((w) => w.code === code);
  return found ?? Warehouses.create({ code, name, siteId, purpose });
}

async function location(warehouseId: string, code: string, name: string, kind: "rack" | "quarantine") {
  const found = (await Locations.list({ warehouseId })).find((l) => l.code === code);
  return found ?? Locations.create({ warehouseId, code, name, kind });
}

type MaterialInput = Parameters<typeof Materials.create>[0];
async function material(input: MaterialInput) {
  return (await Materials.byCode({ code: input.code })) ?? Materials.create(input);
}

export async function seedInventory(): Promise<void> {
  const sensor = await material({
    code: "SEN-TEMP",
    name: "Temperature sensor probe",
    category: "electronic",
    unit: "pcs",
    tracking: "lot",
    shelfLifeDays: 730,
  });
  const first = await Stock.lot({ materialId: sensor.materialId, lotNo: "S2601" }).then(
    () => true,
    () => false,
  );
  if (first) return;
  const gel = await material({
    code: "GEL-ECG",
    name: "ECG electrode gel",
    category: "consumable",
    unit: "pcs",
    tracking: "lot",
    shelfLifeDays: 365,
  });
  const pcb = await material({
    code: "PCB-MAIN",
    name: "Main board PCBA",
    category: "sub-assembly",
    unit: "pcs",
    tracking: "lot",
  });
  const monitor = await material({
    code: "MON-X1",
    name: "Patient monitor X1",
    category: "sub-assembly",
    unit: "pcs",
    tracking: "serial",
  });
  const s = await site();
  const raw = await warehouse(s.siteId, "WH-RAW", "Raw materials", "raw-material");
  const fg = await warehouse(s.siteId, "WH-FG", "Finished goods", "finished-goods");
  const a1 = {
    warehouseId: raw.warehouseId,
    locationId: (await location(raw.warehouseId, "A-01", "Rack A 01", "rack")).locationId,
  };
  const a2 = {
    warehouseId: raw.warehouseId,
    locationId: (await location(raw.warehouseId, "A-02", "Rack A 02", "rack")).locationId,
  };
  const qa = {
    warehouseId: raw.warehouseId,
    locationId: (await location(raw.warehouseId, "QA-01", "Quarantine", "quarantine")).locationId,
  };
  const fg1 = {
    warehouseId: fg.warehouseId,
    locationId: (await location(fg.warehouseId, "FG-01", "Finished goods 01", "rack")).locationId,
  };

  // Lots of gel and sensors; the gel lot G2510 expires in three weeks (FEFO takes it first).
  await Moves.receive({
    materialId: gel.materialId,
    lotNo: "G2510",
    ...a1,
    quantity: 40,
    expiresOn: day(21),
    reference: "PO-1001",
  });
  await Moves.receive({
    materialId: gel.materialId,
    lotNo: "G2601",
    ...a2,
    quantity: 200,
    expiresOn: day(330),
    reference: "PO-1002",
  });
  await Moves.receive({
    materialId: sensor.materialId,
    lotNo: "S2601",
    ...a1,
    quantity: 120,
    expiresOn: day(400),
    reference: "PO-1003",
  });
  await Moves.receive({
    materialId: sensor.materialId,
    lotNo: "S2602",
    ...a2,
    quantity: 60,
    expiresOn: day(700),
    reference: "PO-1004",
  });
  await Moves.issue({ materialId: sensor.materialId, lotNo: "S2601", ...a1, quantity: 20, reference: "WO-2026-001" });
  // Boards: one lot held after incoming inspection found solder voids, so usable stock is below safety stock.
  await Moves.receive({ materialId: pcb.materialId, lotNo: "P-0412", ...a1, quantity: 30, reference: "PO-1005" });
  await Moves.receive({ materialId: pcb.materialId, lotNo: "P-0415", ...qa, quantity: 50, reference: "PO-1006" });
  await Holds.hold({
    materialId: pcb.materialId,
    lotNo: "P-0415",
    reason: "solder voids found at incoming inspection",
  });
  await SafetyStocks.set({ materialId: pcb.materialId, threshold: 60 });
  await SafetyStocks.set({ materialId: gel.materialId, threshold: 50 });
  await SafetyStocks.set({ materialId: sensor.materialId, threshold: 40 });
  for (const serialNo of ["X1-0001", "X1-0002", "X1-0003"]) {
    await Moves.receive({
      materialId: monitor.materialId,
      lotNo: "M2611",
      serialNo,
      ...fg1,
      quantity: 1,
      reference: "FG receipt",
    });
  }
  await Reservations.reserve({
    materialId: sensor.materialId,
    lotNo: "S2602",
    ...a2,
    quantity: 10,
    reference: "WO-2026-002",
  });
  // A count of rack A-02 that found two sensors short, waiting for a planner's approval.
  await Counts.enter({
    ...a2,
    lines: [
      { materialId: sensor.materialId, lotNo: "S2602", counted: 58 },
      { materialId: gel.materialId, lotNo: "G2601", counted: 200 },
    ],
  });
}
