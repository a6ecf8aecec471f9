import { z } from "zod";
import { defineEvent } from "../events/define.ts";

/**
 * One shipped device as the shipping events carry it. The manufacturer's own fields (where it was
 * picked) ride along for its internal consumers; a hospital's projection picks from an allow list.
 */
export const ShippedDevice = z.object({
  productId: z.string(),
  model: z.string(),
  modelNumber: z.string(),
  udiDi: z.string(),
  serialNo: z.string(),
  lotNo: z.string().nullable(),
  expiresOn: z.string().nullable(),
  /** GS1 element string (FNC1 as GS) and its bracketed human-readable form. */
  udi: z.string(),
  udiHri: z.string(),
  warrantyMonths: z.number().nullable(),
  serviceContact: z.string().nullable(),
  warehouseId: z.string(),
  locationId: z.string(),
});
export type ShippedDevice = z.infer<typeof ShippedDevice>;

const ShipmentFacts = z.object({
  shipmentId: z.string(),
  shipmentNo: z.string(),
  customerId: z.string(),
  custodianTenantId: z.string().nullable(),
  manufacturerName: z.string(),
  reference: z.string().nullable(),
  dispatchedAt: z.string(),
  devices: z.array(ShippedDevice),
});

/**
 * Both events carry the whole shipment, so a consumer that sees "delivered" before "dispatched"
 * (the bus does not promise order) has all it needs from either.
 */
export const ShipmentDispatched = defineEvent("Shipping.ShipmentDispatched", 1, ShipmentFacts);
export const ShipmentDelivered = defineEvent(
  "Shipping.ShipmentDelivered",
  1,
  ShipmentFacts.extend({ deliveredAt: z.string() }),
);
