import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";

const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

// A purchase order's partition holds its header, lines, receipts and inspections, each under its own sort-key prefix.
const poPartition = {
  field: "pk",
  composite: ["tenantId", "poId"],
  template: tenantKey("po#${poId}"),
  casing: "none",
} as const;

/** The header of a purchase order. */
export const PurchaseOrderEntity = defineEntity({
  model: model("purchaseOrder"),
  attributes: {
    ...changeAttributes,
    poId: { type: "string", required: true, readOnly: true },
    number: { type: "string", required: true, readOnly: true },
    supplierId: { type: "string", required: true, readOnly: true },
    status: { type: ["draft", "approved", "closed", "cancelled"] as const, required: true },
    tolerancePct: { type: "number", required: true, readOnly: true },
    note: { type: "string", readOnly: true },
    lineCount: { type: "number", required: true, readOnly: true },
    ordered: { type: "number", required: true, readOnly: true },
    /** Totals over the lines, kept in each receipt's transaction: lists need no line reads. */
    received: { type: "number", required: true, default: 0 },
    /** Receipts so far: a cancel is refused once anything arrived. */
    receiptCount: { type: "number", required: true, default: 0 },
    createdAt: { type: "string", required: true, readOnly: true },
    createdBy: { type: "string", required: true, readOnly: true },
    approvedAt: { type: "string" },
    approvedBy: { type: "string" },
    closedAt: { type: "string" },
    closeReason: { type: "string" },
  },
  indexes: {
    // One order (its lines, receipts and inspections share the partition)
    byId: {
      pk: poPartition,
      sk: { field: "sk", composite: [], template: "po", casing: "none" },
    },
    // The organisation's orders, newest first by number (numbers start with the date)
    byTenant: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["tenantId"], template: tenantKey("pos"), casing: "none" },
      sk: { field: "gsi1sk", composite: ["number"], template: "po#${number}", casing: "none" },
    },
  },
});

/** One line of a purchase order; `received` grows only by atomic ADD under the line's limit. */
export const PoLineEntity = defineEntity({
  model: model("poLine"),
  attributes: {
    ...changeAttributes,
    poId: { type: "string", required: true, readOnly: true },
    lineNo: { type: "number", required: true, readOnly: true },
    materialId: { type: "string", required: true, readOnly: true },
    quantity: { type: "number", required: true, readOnly: true },
    unit: { type: "string", required: true, readOnly: true },
    dueDate: { type: "string", required: true, readOnly: true },
    maxReceivable: { type: "number", required: true, readOnly: true },
    received: { type: "number", required: true, default: 0 },
  },
  indexes: {
    byId: {
      pk: poPartition,
      sk: { field: "sk", composite: ["lineNo"], template: "line#${lineNo}", casing: "none" },
    },
  },
});

/** A receipt against a line: what the label said, where it went, and what qualified the supplier then. */
export const PoReceiptEntity = defineEntity({
  model: model("poReceipt"),
  attributes: {
    ...changeAttributes,
    poId: { type: "string", required: true, readOnly: true },
    receiptId: { type: "string", required: true, readOnly: true },
    lineNo: { type: "number", required: true, readOnly: true },
    materialId: { type: "string", required: true, readOnly: true },
    lotNo: { type: "string", required: true, readOnly: true },
    serialNo: { type: "string", readOnly: true },
    expiresOn: { type: "string", readOnly: true },
    quantity: { type: "number", required: true, readOnly: true },
    warehouseId: { type: "string", required: true, readOnly: true },
    locationId: { type: "string", required: true, readOnly: true },
    scan: { type: "string", required: true, readOnly: true },
    di: { type: "string", required: true, readOnly: true },
    moveId: { type: "string", required: true, readOnly: true },
    /** JSON: certificates in force, and the signed override if there was one. */
    certificates: { type: "string", required: true, readOnly: true },
    override: { type: "string", readOnly: true },
    status: { type: ["awaiting-inspection", "accepted", "rejected"] as const, required: true },
    receivedAt: { type: "string", required: true, readOnly: true },
    receivedBy: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byId: {
      pk: poPartition,
      sk: { field: "sk", composite: ["receiptId"], template: "receipt#${receiptId}", casing: "none" },
    },
  },
});

/** The incoming inspection of a receipt (one per receipt), with its plan, results and decision. */
export const InspectionEntity = defineEntity({
  model: model("incomingInspection"),
  attributes: {
    ...changeAttributes,
    poId: { type: "string", required: true, readOnly: true },
    receiptId: { type: "string", required: true, readOnly: true },
    materialId: { type: "string", required: true, readOnly: true },
    lotNo: { type: "string", required: true, readOnly: true },
    /** JSON: the sampling plan, the characteristics, the rejection. */
    plan: { type: "string", required: true, readOnly: true },
    characteristics: { type: "string", required: true, readOnly: true },
    defectives: { type: "number", required: true, readOnly: true },
    result: { type: ["accepted", "rejected"] as const, required: true, readOnly: true },
    rejection: { type: "string", readOnly: true },
    inspectedAt: { type: "string", required: true, readOnly: true },
    inspectedBy: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byId: {
      pk: poPartition,
      sk: { field: "sk", composite: ["receiptId"], template: "inspection#${receiptId}", casing: "none" },
    },
  },
});

/** A supplier's part by the GTIN on its label: which material it is. One GTIN, one material. */
export const SupplierPartEntity = defineEntity({
  model: model("supplierPart"),
  attributes: {
    ...changeAttributes,
    gtin: { type: "string", required: true, readOnly: true },
    materialId: { type: "string", required: true, readOnly: true },
    supplierId: { type: "string", required: true, readOnly: true },
    supplierPartNo: { type: "string", readOnly: true },
  },
  indexes: {
    // Scanned label → material
    byGtin: {
      pk: {
        field: "pk",
        composite: ["tenantId", "gtin"],
        template: tenantKey("supplier-gtin#${gtin}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "part", casing: "none" },
    },
    // All mappings of the organisation (small: one per purchased part)
    byTenant: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["tenantId"], template: tenantKey("supplier-parts"), casing: "none" },
      sk: { field: "gsi1sk", composite: ["gtin"], template: "gtin#${gtin}", casing: "none" },
    },
  },
});

/**
 * Where a received lot came from, in the lot's own partition (next to the inventory lot item), so
 * that production can copy it onto a material issue with one read by key.
 */
export const LotOriginEntity = defineEntity({
  model: model("lotOrigin"),
  attributes: {
    ...changeAttributes,
    materialId: { type: "string", required: true, readOnly: true },
    lotNo: { type: "string", required: true, readOnly: true },
    supplierId: { type: "string", required: true, readOnly: true },
    poId: { type: "string", required: true, readOnly: true },
    /** JSON of the `LotOrigin` view; every change is guarded by the JSON it read (optimistic lock). */
    origin: { type: "string", required: true },
  },
  indexes: {
    byLot: {
      pk: {
        field: "pk",
        composite: ["tenantId", "materialId", "lotNo"],
        template: tenantKey("lot#${materialId}#${lotNo}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "origin", casing: "none" },
    },
  },
});
