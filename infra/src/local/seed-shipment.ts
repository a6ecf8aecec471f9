import { Customers, Holds, Locations, Moves, Products, Shipments, Stock, Warehouses } from "@medloop/shared";

/**
 * Demo shipments for acme-med (on the master-data seed): devices delivered to both demo hospitals
 * (so their "My devices" pages have something to show), one shipment still in transit, and one
 * being picked for the distributor. Runs inside the manufacturer's scope; a second run finds the
 * shipments and changes nothing.
 */
const LOTS: [product: string, lot: string, count: number][] = [
  ["IP-200", "IP200-2601", 12],
  ["IP-200", "IP200-2602", 12],
  ["SP-100", "SP100-2601", 10],
  ["PM-500", "PM500-2601", 10],
  ["PM-500", "PM500-2602", 8],
  ["PM-300", "PM300-2601", 8],
  ["PM-300", "PM300-2602", 6],
];

/** `IP200-2601-0007`: the lot and a running number, within GS1's 20 characters for AI (21). */
const serialOf = (lot: string, n: number) => `${lot}-${String(n).padStart(4, "0")}`;

async function productIds(): Promise<Map<string, string>> {
  return new Map((await Products.list()).map((p) => [p.code, p.productId]));
}

/**
 * Finished-goods serials of the pumps and monitors in WH-FG. Until production's finished-goods
 * receipt (MES) is merged, received directly here; at merge this is switched to production's output
 * (its few hundred serials). Kept to what the demo shipments need plus some stock: every platform
 * test seeds it, and under a full parallel run 200 receipts pushed platform starts past 3 minutes.
 */
export async function finishedGoodsForDemo(): Promise<void> {
  const products = await productIds();
  const first = LOTS[0]!;
  const done = await Stock.lot({ materialId: products.get(first[0])!, lotNo: first[1] }).then(
    () => true,
    () => false,
  );
  if (done) return;
  const fg = (await Warehouses.list()).find((w) => w.code === "WH-FG");
  if (!fg) throw new Error("The shipment seed needs warehouse WH-FG from the master-data seed");
  const floors = await Locations.list({ warehouseId: fg.warehouseId });
  for (const [i, [code, lotNo, count]] of LOTS.entries()) {
    const at = { warehouseId: fg.warehouseId, locationId: floors[i % floors.length]!.locationId };
    const receive = (n: number) =>
      Moves.receive({
        materialId: products.get(code)!,
        lotNo,
        serialNo: serialOf(lotNo, n),
        ...at,
        quantity: 1,
        reference: `FG-${lotNo}`,
      });
    // The first receipt creates the lot; the rest of the lot in parallel batches.
    await receive(1);
    for (let n = 2; n <= count; n += 10) {
      await Promise.all(Array.from({ length: Math.min(10, count - n + 1) }, (_, k) => receive(n + k)));
    }
  }
  // A monitor lot held by quality: its serials cannot be picked (the portal shows the refusal).
  await Holds.hold({
    materialId: products.get("PM-300")!,
    lotNo: "PM300-2602",
    reason: "NC-2026-014: display flicker under investigation",
  });
}

export async function seedShipments(hospitals: { tenantId: string }[]): Promise<void> {
  await finishedGoodsForDemo();
  if ((await Shipments.list({})).items.length) return;
  const products = await productIds();
  const customers = await Customers.list();
  const customerOf = (tenantId: string) => customers.find((c) => c.tenantRef === tenantId)!.customerId;
  const ship = async (customerId: string, reference: string, picks: [string, string, number[]][]) => {
    const s = await Shipments.create({ customerId, reference });
    for (const [code, lot, ns] of picks) {
      for (const n of ns) {
        await Shipments.pick({ shipmentId: s.shipmentId, productId: products.get(code)!, serialNo: serialOf(lot, n) });
      }
    }
    return s.shipmentId;
  };
  const [city, river] = hospitals.map((h) => customerOf(h.tenantId));
  const delivered = async (shipmentId: string) => {
    await Shipments.dispatch({ shipmentId });
    await Shipments.deliver({ shipmentId });
  };
  await delivered(
    await ship(city!, "SO-2026-0101", [
      ["IP-200", "IP200-2601", [1, 2, 3, 4]],
      ["PM-500", "PM500-2601", [1, 2]],
    ]),
  );
  await delivered(
    await ship(river!, "SO-2026-0102", [
      ["IP-200", "IP200-2601", [5, 6, 7]],
      ["PM-300", "PM300-2601", [1, 2]],
    ]),
  );
  // On its way to City General: in its installed base as "in transit", no warranty yet.
  await Shipments.dispatch({
    shipmentId: await ship(city!, "SO-2026-0107", [["SP-100", "SP100-2601", [1, 2, 3]]]),
  });
  const distributor = customers.find((c) => c.type === "distributor");
  if (distributor) await ship(distributor.customerId, "SO-2026-0110", [["PM-500", "PM500-2602", [1, 2]]]);
}
