import { z } from "zod";
import { IsoDate, Reference, SerialNo } from "../inventory/schema.ts";
import { LinkStatus } from "../tenant-link/schema.ts";
import { barcode } from "../util/text.ts";

/**
 * Outbound shipments by serial (issue 3 part 6, TR-1 "shipment → hospital"). Zod only: the portal
 * imports this file.
 */
export const ShipmentId = z.uuid("shipmentId is a shipment's id");
export const ShipmentStatus = z.enum(["picking", "dispatched", "delivered"]);
export type ShipmentStatus = z.infer<typeof ShipmentStatus>;

/** One picked serial, with where it is picked from and its UDI as printed (GS1 bracketed form). */
export const Line = z.object({
  productId: z.string(),
  productCode: z.string(),
  model: z.string(),
  serialNo: z.string(),
  lotNo: z.string().nullable(),
  expiresOn: z.string().nullable(),
  warehouseId: z.string(),
  locationId: z.string(),
  udi: z.string(),
  pickedAt: z.string(),
  pickedBy: z.string(),
});
export type Line = z.infer<typeof Line>;

export const Shipment = z.object({
  shipmentId: z.string(),
  shipmentNo: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  /** The customer's own MedLoop tenant: its installed base receives the devices. */
  custodianTenantId: z.string().nullable(),
  /**
   * SEC-3: the custodian's MedLoop receives the devices only through a link it accepted. This is the
   * link as this organisation last heard of it (`none`: never invited); null without a custodian.
   */
  custodianLink: z.enum([...LinkStatus.options, "none"]).nullable(),
  /** In words, when the devices will not reach the custodian's MedLoop; null when they will (or none is named). */
  installedBaseNotice: z.string().nullable(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  status: ShipmentStatus,
  lineCount: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  dispatchedAt: z.string().nullable(),
  dispatchedBy: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  deliveredBy: z.string().nullable(),
});
export type Shipment = z.infer<typeof Shipment>;

export const ShipmentWithLines = Shipment.extend({ lines: z.array(Line) });
export type ShipmentWithLines = z.infer<typeof ShipmentWithLines>;

export const CreateInput = z
  .object({
    customerId: z.uuid("customerId is a customer's id"),
    /** The sales order or delivery note this shipment fulfils. */
    reference: Reference.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

/** Pick a serial by scanning its UDI label, or by typing model and serial. */
export const PickFields = z
  .object({
    scan: barcode(z.string().trim().min(1).max(200)).optional(),
    productId: z.uuid("productId is a product's id").optional(),
    serialNo: SerialNo.optional(),
  })
  .strict();
const oneWay = {
  check: (p: z.infer<typeof PickFields>) => (p.scan ? !p.productId && !p.serialNo : !!(p.productId && p.serialNo)),
  message: { message: "give either a scanned UDI (scan) or a productId with a serialNo", path: ["scan"] },
};
export const PickInput = PickFields.refine(oneWay.check, oneWay.message);
export const PickRequest = PickFields.extend({ shipmentId: ShipmentId }).refine(oneWay.check, oneWay.message);

export const ShipmentKey = z.object({ shipmentId: ShipmentId });
export const LineKey = z.object({ shipmentId: ShipmentId, productId: z.uuid(), serialNo: SerialNo });

export const DeliverInput = z
  .object({
    /** The day the customer received the devices (proof of delivery); today when omitted. */
    deliveredOn: IsoDate.optional(),
  })
  .strict();

export const DeliverRequest = DeliverInput.extend({ shipmentId: ShipmentId });

export const ListQuery = z.object({ status: ShipmentStatus.optional() }).strict();

/** Where one serial of a device model is now: in stock at a place, or with a customer. */
export const Whereabouts = z.object({
  productId: z.string(),
  serialNo: z.string(),
  lotNo: z.string().nullable(),
  state: z.enum(["in-stock", "issued", "shipped", "scrapped"]),
  locationId: z.string().nullable(),
  pickedFor: z.string().nullable(),
  shipment: Shipment.pick({
    shipmentId: true,
    shipmentNo: true,
    customerId: true,
    customerName: true,
    custodianTenantId: true,
    status: true,
    dispatchedAt: true,
    deliveredAt: true,
  }).nullable(),
});
export type Whereabouts = z.infer<typeof Whereabouts>;

export const SerialKey = z.object({ productId: z.uuid(), serialNo: SerialNo });
