import { Counts, Locations, Materials, Moves, Reservations, SafetyStocks, Stock, Warehouses } from "@medloop/shared";
import { fromToday } from "./seed-story.ts";

/**
 * Demo stock for the manufacturer, on the master data `seed-masterdata.ts` creates: lots with
 * expiries, a coating lot about to expire, a motor lot on quality hold (so motors are below safety
 * stock), serialised batteries, an open reservation and a count waiting for approval. Runs inside
 * the tenant's scope; a second run finds the first lot and changes nothing.
 */
const day = fromToday;

async function materialId(code: string) {
  const m = await Materials.byCode({ code });
  if (!m) throw new Error(`The inventory seed needs material ${code} from the master-data seed`);
  return m.materialId;
}

async function place(warehouseCode: string, locationCode: string) {
  const w = (await Warehouses.list()).find((x) => x.code === warehouseCode);
  const l = w && (await Locations.list({ warehouseId: w.warehouseId })).find((x) => x.code === locationCode);
  if (!w || !l) throw new Error(`The inventory seed needs location ${warehouseCode}/${locationCode} from master data`);
  return { warehouseId: w.warehouseId, locationId: l.locationId };
}

export async function seedInventory(): Promise<void> {
  const sensor = await materialId("SNS-PRES-01");
  const seeded = await Stock.lot({ materialId: sensor, lotNo: "S2601" }).then(
    () => true,
    () => false,
  );
  if (seeded) return;
  const coating = await materialId("CTG-ACRYL");
  const motor = await materialId("MTR-STEP-42");
  const battery = await materialId("BAT-LI-7V4");
  const screw = await materialId("SCR-M3X8");
  const a1 = await place("WH-RAW", "A-01-01");
  const a2 = await place("WH-RAW", "A-01-02");
  const a3 = await place("WH-RAW", "A-02-01");
  const bins = await place("WH-RAW", "B-01");
  const cold = await place("WH-RAW", "CS-01");
  const quarantine = await place("WH-QA", "Q-01");

  await Moves.receive({ materialId: sensor, lotNo: "S2601", ...a1, quantity: 120, reference: "PO-1001" });
  await Moves.receive({ materialId: sensor, lotNo: "S2602", ...a2, quantity: 60, reference: "PO-1002" });
  await Moves.issue({ materialId: sensor, lotNo: "S2601", ...a1, quantity: 20, reference: "WO-2026-001" });
  await Reservations.reserve({ materialId: sensor, lotNo: "S2602", ...a2, quantity: 10, reference: "WO-2026-002" });
  // Coating lot C2510 expires in three weeks: FEFO takes it before C2601.
  await Moves.receive({
    materialId: coating,
    lotNo: "C2510",
    ...cold,
    quantity: 400,
    expiresOn: day(21),
    reference: "PO-1003",
  });
  await Moves.receive({
    materialId: coating,
    lotNo: "C2601",
    ...cold,
    quantity: 2000,
    expiresOn: day(330),
    reference: "PO-1004",
  });
  // Motors: one lot held at incoming inspection, so usable motors are below safety stock.
  await Moves.receive({ materialId: motor, lotNo: "M-0412", ...a3, quantity: 30, reference: "PO-1005" });
  await Moves.receive({
    materialId: motor,
    lotNo: "M-0415",
    ...quarantine,
    quantity: 50,
    quarantine: true,
    reference: "PO-1006",
  });
  for (const serialNo of ["BT-0001", "BT-0002", "BT-0003"]) {
    await Moves.receive({
      materialId: battery,
      lotNo: "B2611",
      serialNo,
      ...a3,
      quantity: 1,
      expiresOn: day(700),
      reference: "PO-1007",
    });
  }
  await Moves.receive({ materialId: screw, ...bins, quantity: 2000, reference: "PO-1008" });
  await SafetyStocks.set({ materialId: motor, threshold: 60 });
  await SafetyStocks.set({ materialId: coating, threshold: 500 });
  await SafetyStocks.set({ materialId: sensor, threshold: 40 });
  // A count of rack A-01-02 that found two sensors short, waiting for a planner's approval.
  await Counts.enter({ ...a2, lines: [{ materialId: sensor, lotNo: "S2602", counted: 58 }] });
}
