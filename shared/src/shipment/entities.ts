import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";

const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

/** An outbound shipment to a customer; its picked serials live in the same partition. */
export const ShipmentEntity = defineEntity({
  model: model("shipment"),
  attributes: {
    ...changeAttributes,
    shipmentId: { type: "string", required: true, readOnly: true },
    shipmentNo: { type: "string", required: true, readOnly: true },
    customerId: { type: "string", required: true, readOnly: true },
    customerName: { type: "string", required: true, readOnly: true },
    custodianTenantId: { type: "string", readOnly: true },
    reference: { type: "string", readOnly: true },
    note: { type: "string", readOnly: true },
    status: { type: ["picking", "dispatched", "delivered"] as const, required: true },
    /** Picked serials; dispatch commits only if it still matches the lines it read. */
    lineCount: { type: "number", required: true },
    createdAt: { type: "string", required: true, readOnly: true },
    createdBy: { type: "string", required: true, readOnly: true },
    dispatchedAt: { type: "string" },
    dispatchedBy: { type: "string" },
    deliveredAt: { type: "string" },
    deliveredBy: { type: "string" },
  },
  indexes: {
    // One shipment
    byId: {
      pk: {
        field: "pk",
        composite: ["tenantId", "shipmentId"],
        template: tenantKey("shipment#${shipmentId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "shipment", casing: "none" },
    },
    // The tenant's shipments, newest last (a small, low-volume list: one partition)
    byTenant: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["tenantId"], template: tenantKey("shipments"), casing: "none" },
      sk: {
        field: "gsi1sk",
        composite: ["createdAt", "shipmentId"],
        template: "at#${createdAt}#${shipmentId}",
        casing: "none",
      },
    },
  },
});

/** One serial picked onto a shipment, with the place it is taken from. */
export const ShipmentLineEntity = defineEntity({
  model: model("shipmentLine"),
  attributes: {
    ...changeAttributes,
    shipmentId: { type: "string", required: true, readOnly: true },
    productId: { type: "string", required: true, readOnly: true },
    productCode: { type: "string", required: true, readOnly: true },
    model: { type: "string", required: true, readOnly: true },
    serialNo: { type: "string", required: true, readOnly: true },
    lotNo: { type: "string", required: true, readOnly: true },
    expiresOn: { type: "string", readOnly: true },
    warehouseId: { type: "string", required: true, readOnly: true },
    locationId: { type: "string", required: true, readOnly: true },
    udi: { type: "string", required: true, readOnly: true },
    pickedAt: { type: "string", required: true, readOnly: true },
    pickedBy: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    // A shipment's lines, by model and serial
    byShipment: {
      pk: {
        field: "pk",
        composite: ["tenantId", "shipmentId"],
        template: tenantKey("shipment#${shipmentId}"),
        casing: "none",
      },
      sk: {
        field: "sk",
        composite: ["productId", "serialNo"],
        template: "line#${productId}#${serialNo}",
        casing: "none",
      },
    },
  },
});
