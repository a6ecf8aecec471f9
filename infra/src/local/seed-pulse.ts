import {
  Customers,
  Locations,
  MasterDataImport,
  Materials,
  Moves,
  Products,
  Shipments,
  Sites,
  Warehouses,
} from "@medloop/shared";
import { toCsv } from "./seed-masterdata.ts";
import { onDay, plusDays, STORY } from "./seed-story.ts";

/**
 * The second manufacturer, Pulse Monitoring Systems: pulse oximeter monitors. It brought its
 * finished stock with it when it moved to MedLoop (opening balances: its production history stayed
 * in the old system), buys SpO2 sensors from its own supplier, and delivered monitors to City
 * General in August 2026 while City General had not yet answered its invitation to link — so
 * nothing reached City General's installed base, and the shipment says so. When City General's
 * admin accepts the link, the monitors appear under its devices. Runs inside Pulse's scope; a
 * second run finds the product and changes nothing.
 */
const PRODUCT = {
  code: "PX-7",
  name: "Pulse oximetry monitor PX-7",
  udiDi: "06950987650016",
  deviceClass: "IIb" as const,
  gmdnCode: "35467",
  modelNumber: "PX-7",
  warrantyMonths: 24,
  serviceContact: "Pulse service desk 400-660-7070, care@pulse-medical.test",
  modelVersion: "HW1 / FW 3.1",
  tracking: "serial" as const,
  description: "Bedside SpO2 and pulse-rate monitoring",
};
const LOT = "PX7-2604";
const SERIALS = Array.from({ length: 10 }, (_, i) => `${LOT}-${String(i + 1).padStart(4, "0")}`);

export async function seedPulse(hospital: { tenantId: string; name: string }): Promise<void> {
  if ((await Products.list()).some((p) => p.code === PRODUCT.code)) return;
  await onDay(STORY.onboarding, async () => {
    const csv = (kind: "materials" | "suppliers" | "customers", rows: Record<string, unknown>[]) =>
      MasterDataImport.run({ kind, mode: "all", csv: toCsv(rows), reason: "demo seed" });
    await csv("materials", [
      { code: "SNS-SPO2-R", name: "Reusable SpO2 finger sensor", category: "electronic", unit: "pcs", tracking: "lot" },
      {
        code: PRODUCT.code,
        name: `${PRODUCT.name} (finished unit)`,
        category: "sub-assembly",
        unit: "pcs",
        tracking: "serial",
      },
    ]);
    await csv("suppliers", [
      { code: "SUP-OXISENSE", name: "Oxisense Sensor Technology Co.", country: "CN", approval: "approved" },
    ]);
    await csv("customers", [
      { code: "CUS-CITY", name: hospital.name, type: "hospital", region: "East China", tenantRef: hospital.tenantId },
    ]);
    await Products.create(PRODUCT);
    const site = await Sites.create({
      code: "WX-PLANT",
      name: "Wuxi plant",
      address: "12 Xinhua Road, Wuxi",
      timezone: "Asia/Shanghai",
    });
    const { warehouseId } = await Warehouses.create({
      code: "WH-FG",
      name: "Finished goods",
      siteId: site.siteId,
      purpose: "finished-goods",
    });
    const { locationId } = await Locations.create({ warehouseId, code: "F-01", name: "Pallet floor 1", kind: "floor" });
    const material = async (code: string) => (await Materials.byCode({ code }))!.materialId;
    const place = { warehouseId, locationId };
    await Moves.receive({
      materialId: await material("SNS-SPO2-R"),
      lotNo: "OX-2604",
      ...place,
      quantity: 40,
      reference: "Opening balance",
    });
    const monitor = await material(PRODUCT.code);
    for (const serialNo of SERIALS) {
      await Moves.receive({
        materialId: monitor,
        lotNo: LOT,
        serialNo,
        ...place,
        quantity: 1,
        reference: "Opening balance",
      });
    }
  });
  const { productId } = (await Products.list()).find((p) => p.code === PRODUCT.code)!;
  const customer = (await Customers.list()).find((c) => c.tenantRef === hospital.tenantId)!;
  const deliveredOn = STORY.delivery.pulse;
  const shipmentId = await onDay(plusDays(deliveredOn, -5), async () => {
    const s = await Shipments.create({ customerId: customer.customerId, reference: "PX-SO-2026-031" });
    for (const serialNo of SERIALS.slice(0, 6)) await Shipments.pick({ shipmentId: s.shipmentId, productId, serialNo });
    return s.shipmentId;
  });
  await onDay(plusDays(deliveredOn, -2), () => Shipments.dispatch({ shipmentId }));
  await onDay(deliveredOn, () => Shipments.deliver({ shipmentId }));
}
