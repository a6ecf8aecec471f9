import { Customers, Holds, Materials, Products, Shipments } from "@medloop/shared";
import { serialOf } from "./seed-production.ts";
import { onDay, plusDays, STORY } from "./seed-story.ts";

/**
 * Demo shipments for acme-med, from the production seed's finished serials: devices delivered to
 * both demo hospitals in July 2026 (so their "My devices" pages and a forward trace from a supplier
 * lot reach them, under warranty from the delivery day), one shipment in transit and one being
 * picked for the distributor today; one monitor lot held by quality in March. Runs inside the
 * manufacturer's scope; a second run finds the shipments and changes nothing.
 */
export async function seedShipments(hospitals: { tenantId: string }[]): Promise<void> {
  if ((await Shipments.list({})).items.length) return;
  // A monitor lot held by quality in March: its serials cannot be picked (the portal shows the refusal).
  const held = await Materials.byCode({ code: "PM-300" });
  await onDay(STORY.monitorLotHeld, () =>
    Holds.hold({
      materialId: held!.materialId,
      lotNo: "PM300-2602",
      reason: "NC-2026-014: display flicker under investigation",
    }),
  );
  const products = new Map((await Products.list()).map((p) => [p.code, p.productId]));
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
  // Picked and packed a week before the delivery day, dispatched three days before it.
  const delivered = (deliveredOn: string, customerId: string, reference: string, picks: Parameters<typeof ship>[2]) =>
    onDay(plusDays(deliveredOn, -7), () => ship(customerId, reference, picks)).then(async (shipmentId) => {
      await onDay(plusDays(deliveredOn, -3), () => Shipments.dispatch({ shipmentId }));
      await onDay(deliveredOn, () => Shipments.deliver({ shipmentId }));
    });
  await Promise.all([
    delivered(STORY.delivery.city, city!, "SO-2026-0101", [
      ["IP-200", "IP200-2601", [1, 2, 3, 4, 5, 6, 7, 8]],
      ["PM-500", "PM500-2601", [1, 2, 3, 4]],
    ]),
    delivered(STORY.delivery.river, river!, "SO-2026-0102", [
      ["IP-200", "IP200-2601", [9, 10, 11, 12, 13, 14]],
      ["SP-100", "SP100-2601", [1, 2, 3, 4, 5, 6]],
      ["PM-300", "PM300-2601", [1, 2]],
    ]),
    // On its way to City General: in its installed base as "in transit", no warranty yet.
    ship(city!, "SO-2026-0107", [["SP-100", "SP100-2601", [7, 8, 9]]]).then((shipmentId) =>
      Shipments.dispatch({ shipmentId }),
    ),
  ]);
  const distributor = customers.find((c) => c.type === "distributor");
  if (distributor) await ship(distributor.customerId, "SO-2026-0110", [["PM-500", "PM500-2603", [1, 2]]]);
}
