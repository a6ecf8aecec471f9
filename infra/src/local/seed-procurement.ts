import {
  Certificates,
  IncomingInspection,
  Locations,
  Materials,
  Moves,
  PurchaseOrders,
  Receiving,
  SupplierParts,
  Suppliers,
  today,
  Udi,
  Warehouses,
} from "@medloop/shared";
import { type AsDemoUser, DEMO_PASSWORD } from "./seed-actors.ts";
import { fromToday } from "./seed-story.ts";

/**
 * Demo purchasing for the manufacturer, on the master data `seed-masterdata.ts` creates: supplier
 * parts (label GTIN → material), purchase orders in every state, receipts scanned into quarantine
 * with an accepted and a rejected inspection, one awaiting inspection, and an approved order to the
 * supplier whose certificate lapsed (receiving against it needs a signed override). A second run
 * finds the orders and changes nothing.
 */
const day = fromToday;
const yymmdd = (iso: string) => iso.slice(2).replaceAll("-", "");
const gtin = (base13: string) => base13 + Udi.gs1CheckDigit(base13);

/** GTINs the suppliers print on their labels (GS1 China prefix 695, a made-up company). */
export const DEMO_SUPPLIER_PARTS = [
  { material: "SNS-AIL-01", supplier: "SUP-DESENS", gtin: gtin("0695012340001"), partNo: "SF-AIL-3" },
  { material: "SNS-PRES-01", supplier: "SUP-DESENS", gtin: gtin("0695012340002"), partNo: "SF-P200" },
  { material: "LCD-43-TFT", supplier: "SUP-TWDISP", gtin: gtin("0695012340003"), partNo: "HD-043T" },
  { material: "KPD-IP-12", supplier: "SUP-CZMOTOR", gtin: gtin("0695012340004"), partNo: "CZ-KP12" },
  { material: "HSG-IP-FRONT", supplier: "SUP-DGPLAST", gtin: gtin("0695012340005"), partNo: "DG-F01" },
  { material: "CTN-IP", supplier: "SUP-SHPACK", gtin: gtin("0695012340006"), partNo: "SH-C-IP" },
  { material: "MTR-STEP-42", supplier: "SUP-CZMOTOR", gtin: gtin("0695012340007"), partNo: "CZ-S42" },
  { material: "HSG-IP-REAR", supplier: "SUP-DGPLAST", gtin: gtin("0695012340008"), partNo: "DG-R01" },
  { material: "HSG-PM-SET", supplier: "SUP-DGPLAST", gtin: gtin("0695012340009"), partNo: "DG-PMS" },
  { material: "LCD-121-TFT", supplier: "SUP-TWDISP", gtin: gtin("0695012340010"), partNo: "HD-121X" },
  { material: "PSU-15V-60W", supplier: "SUP-SZEMS", gtin: gtin("0695012340011"), partNo: "EMS-PSU60" },
  { material: "CTG-ACRYL", supplier: "SUP-SHCHEM", gtin: gtin("0695012340012"), partNo: "SC-AC1B" },
  { material: "LBL-UDI-SET", supplier: "SUP-SHPACK", gtin: gtin("0695012340013"), partNo: "SH-LBL-U" },
  { material: "IFU-IP-EN-ZH", supplier: "SUP-SHPACK", gtin: gtin("0695012340014"), partNo: "SH-IFU-IP" },
  { material: "IFU-PM-EN-ZH", supplier: "SUP-SHPACK", gtin: gtin("0695012340015"), partNo: "SH-IFU-PM" },
];

/** A supplier label as the scanner reads it: GTIN, expiry, lot and count. */
export const demoLabel = (g: string, lot: string, count: number, expiresOn = day(540)) =>
  `(01)${g}(17)${yymmdd(expiresOn)}(10)${lot}(37)${count}`;

async function ids() {
  const [materials, suppliers, warehouses] = await Promise.all([Materials.list(), Suppliers.list(), Warehouses.list()]);
  const material = (code: string) => materials.find((m) => m.code === code)!.materialId;
  const supplier = (code: string) => suppliers.find((s) => s.code === code)!.supplierId;
  const qa = warehouses.find((w) => w.code === "WH-QA")!;
  const cage = (await Locations.list({ warehouseId: qa.warehouseId })).find((l) => l.code === "Q-01")!;
  return { material, supplier, quarantine: { warehouseId: qa.warehouseId, locationId: cage.locationId } };
}

export async function seedProcurement(): Promise<void> {
  if ((await PurchaseOrders.list({})).length) return;
  const { material, supplier, quarantine } = await ids();
  for (const p of DEMO_SUPPLIER_PARTS) {
    if (await SupplierParts.byGtin(p.gtin)) continue;
    await SupplierParts.create({
      gtin: p.gtin,
      materialId: material(p.material),
      supplierId: supplier(p.supplier),
      supplierPartNo: p.partNo,
    });
  }
  const part = (code: string) => DEMO_SUPPLIER_PARTS.find((p) => p.material === code)!.gtin;
  const order = async (supplierCode: string, lines: [string, number, number][], approve = true) => {
    const po = await PurchaseOrders.create({
      supplierId: supplier(supplierCode),
      tolerancePct: 5,
      lines: lines.map(([code, quantity, due]) => ({
        materialId: material(code),
        quantity,
        unit: "pcs" as const,
        dueDate: day(due),
      })),
    });
    if (approve) await PurchaseOrders.approve({ poId: po.poId });
    return po.poId;
  };
  const receive = (poId: string, code: string, lot: string, count: number) =>
    Receiving.receive({ poId, scan: demoLabel(part(code), lot, count), ...quarantine });

  // Received in full and accepted at incoming inspection: the lot is released.
  const sensors = await order("SUP-DESENS", [["SNS-AIL-01", 200, -5]]);
  const ail = await receive(sensors, "SNS-AIL-01", "AIL-2611", 200);
  await IncomingInspection.inspect({
    poId: sensors,
    receiptId: ail.receiptId,
    aql: "1.0",
    characteristics: [
      { name: "Visual, connector pins", requirement: "no bent pins", measured: "OK", nonconforming: 0 },
      { name: "Bubble detection at 50 µl", requirement: "detects", measured: "32/32 detected", nonconforming: 1 },
    ],
    defectives: 1,
    decision: "accept",
  });
  // Part delivered, waiting for the inspector.
  const displays = await order("SUP-TWDISP", [["LCD-43-TFT", 100, 10]]);
  await receive(displays, "LCD-43-TFT", "D43-2611", 60);
  // Delivered and rejected: the lot stays in quarantine for return to the supplier.
  const keypads = await order("SUP-CZMOTOR", [["KPD-IP-12", 150, -2]]);
  const kp = await receive(keypads, "KPD-IP-12", "KP-2610", 150);
  await IncomingInspection.inspect({
    poId: keypads,
    receiptId: kp.receiptId,
    aql: "0.65",
    characteristics: [
      { name: "Key actuation force", requirement: "2.5 ± 0.5 N", measured: "3.4 N on 3 keys", nonconforming: 3 },
    ],
    defectives: 3,
    decision: "reject",
    reason: "Actuation force out of tolerance on 3 of 32 sampled keypads",
    disposition: "return-to-supplier",
  });
  // Approved to the supplier whose ISO 13485 lapsed: receiving needs a quality engineer's signed override.
  await order("SUP-DGPLAST", [["HSG-IP-FRONT", 300, 20]]);
  // A draft, a closed and a cancelled order.
  await order("SUP-SHPACK", [["CTN-IP", 500, 30]], false);
  const closed = await order("SUP-DESENS", [["SNS-AIL-01", 120, -30]]);
  await receive(closed, "SNS-AIL-01", "AIL-2609", 100);
  await PurchaseOrders.close({ poId: closed, reason: "Supplier short-shipped 20; remainder not needed" });
  const cancelled = await order("SUP-TWDISP", [["LCD-43-TFT", 40, 45]], false);
  await PurchaseOrders.cancel({ poId: cancelled, reason: "Ordered twice by mistake" });
}

/** A lot production needs, by material code; bought from the supplier of the material's label part. */
export interface LotPurchase {
  material: string;
  lotNo: string;
  quantity: number;
  /** As the material is counted (pcs, set, ml). */
  unit: Parameters<typeof PurchaseOrders.create>[0]["lines"][number]["unit"];
}

/**
 * Buys the lots production consumes the way the plant does, so every issued lot has a supplier
 * origin a trace can show: one purchase order per supplier, each lot received by scanning its label
 * into quarantine, accepted at incoming inspection and put away into `store`, all on the day the
 * caller's clock says. A supplier not qualified on that day (a lapsed certificate) is received
 * under the quality engineer's signed override.
 */
export async function purchaseLots(
  buys: LotPurchase[],
  as: AsDemoUser,
  store: { warehouseId: string; locationId: string },
): Promise<void> {
  const { material, supplier, quarantine } = await ids();
  const partOf = (code: string) => DEMO_SUPPLIER_PARTS.find((p) => p.material === code)!;
  const suppliers = [...new Set(buys.map((b) => partOf(b.material).supplier))];
  await Promise.all(
    suppliers.map(async (supplierCode) => {
      const lots = buys.filter((b) => partOf(b.material).supplier === supplierCode);
      const po = await as("buyer", () =>
        PurchaseOrders.create({
          supplierId: supplier(supplierCode),
          tolerancePct: 5,
          lines: lots.map((l) => ({
            materialId: material(l.material),
            quantity: l.quantity,
            unit: l.unit,
            dueDate: today(),
          })),
        }),
      );
      await as("buyer", () => PurchaseOrders.approve({ poId: po.poId }));
      // Both batches of a material can be on one order: each receipt names its line.
      for (const [k, lot] of lots.entries()) {
        const lineNo = k + 1;
        const scan = demoLabel(partOf(lot.material).gtin, lot.lotNo, lot.quantity);
        const receipt = await Certificates.isQualified({
          supplierId: supplier(supplierCode),
          materialId: material(lot.material),
          date: today(),
        }).then((q) =>
          q.qualified
            ? as("warehouse", () => Receiving.receive({ poId: po.poId, lineNo, scan, ...quarantine }))
            : as("quality-engineer", () =>
                Receiving.receive({
                  poId: po.poId,
                  lineNo,
                  scan,
                  ...quarantine,
                  override: {
                    reason: "Recertification audit passed; renewed certificate in issue",
                    password: DEMO_PASSWORD,
                  },
                }),
              ),
        );
        await as("qc-inspector", () =>
          IncomingInspection.inspect({
            poId: po.poId,
            receiptId: receipt.receiptId,
            aql: "1.0",
            characteristics: [
              {
                name: "Visual and dimensional, incoming spec",
                requirement: "conforms",
                measured: "conforms",
                nonconforming: 0,
              },
            ],
            defectives: 0,
            decision: "accept",
          }),
        );
        await as("warehouse", () =>
          Moves.transfer({
            materialId: material(lot.material),
            lotNo: lot.lotNo,
            from: quarantine,
            to: store,
            quantity: lot.quantity,
            reference: receipt.receiptId,
          }),
        );
      }
    }),
  );
}
