import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";

/**
 * Production (MES-1…4) and the genealogy the traces read (TR-1…3). The key design serves the reads:
 *
 * - One production order is ONE partition, `t#<tenant>#mo#<orderId>`, holding the order (with its
 *   BOM and route snapshots), every material-issue line (with the issued lot's supplier origin
 *   copied onto it), every operation report, inspection, nonconformance and the release decision.
 *   They form the ElectroDB collection `productionOrder`: one Query reads the whole evidence file.
 * - A finished unit (product + serial) has its own item, got by key or, from a scanned UDI, by
 *   its UDI-DI and serial (gsi2): which order, which FG lot. Backward trace = unit →
 *   [Query(order partition) ‖ GetItem(inventory serialUnit)]: two sequential round trips.
 * - Forward trace is two GSI hops: issue lines by consumed lot (gsi1) or by supplier lot (gsi2),
 *   then per consuming order, in parallel, its units (gsi1), its finished lot's inventory serials
 *   with their custodians (the serialUnit's lot index, gsi1) and whether that lot was consumed in
 *   turn. A sub-assembly (an FG lot consumed by another order) adds that second hop once per level.
 */
/** The supplier keys of an issue line whose lot has no recorded origin: it stays off the supplier-lot index. */
export const NO_ORIGIN = "-";

const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

const orderPk = {
  field: "pk",
  composite: ["tenantId", "orderId"],
  template: tenantKey("mo#${orderId}"),
  casing: "none",
} as const;

/** The production order: what is made, how (BOM and route revisions, snapshotted at release), and its state. */
export const ProductionOrderEntity = defineEntity({
  model: model("productionOrder"),
  attributes: {
    ...changeAttributes,
    orderId: { type: "string", required: true, readOnly: true },
    orderNo: { type: "string", required: true, readOnly: true },
    productId: { type: "string", required: true, readOnly: true },
    productCode: { type: "string", required: true, readOnly: true },
    productName: { type: "string", required: true, readOnly: true },
    udiDi: { type: "string", required: true, readOnly: true },
    /** The material the finished units are stocked as (the product's code in the material master). */
    fgMaterialId: { type: "string", required: true, readOnly: true },
    fgLotNo: { type: "string", required: true, readOnly: true },
    fgExpiresOn: { type: "string" },
    quantity: { type: "number", required: true, readOnly: true },
    status: {
      type: ["released", "in-progress", "completed", "released-for-sale", "received"] as const,
      required: true,
    },
    plannedStart: { type: "string", required: true, readOnly: true },
    /** JSON of the BOM revision in force on the planned start date (lines with material code/name). */
    bom: { type: "string", required: true, readOnly: true },
    /** JSON of the route revision in force on the planned start date. */
    route: { type: "string", required: true, readOnly: true },
    releasedAt: { type: "string", required: true, readOnly: true },
    releasedBy: { type: "string", required: true, readOnly: true },
    good: { type: "number" },
    scrapped: { type: "number" },
    /** Units received into finished-goods stock so far. */
    received: { type: "number" },
  },
  indexes: {
    byOrder: {
      collection: "productionOrder",
      pk: orderPk,
      sk: { field: "sk", composite: [], template: "order", casing: "none" },
    },
    // The tenant's orders, newest last (the planner's list)
    list: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["tenantId"], template: tenantKey("production-orders"), casing: "none" },
      sk: { field: "gsi1sk", composite: ["orderNo"], template: "po#${orderNo}", casing: "none" },
    },
    // The order that made a finished lot: an issue of that lot (a sub-assembly) links the two orders
    byFgLot: {
      index: "gsi2",
      pk: {
        field: "gsi2pk",
        composite: ["tenantId", "fgMaterialId", "fgLotNo"],
        template: tenantKey("fg-lot#${fgMaterialId}#${fgLotNo}"),
        casing: "none",
      },
      sk: { field: "gsi2sk", composite: ["orderId"], template: "po#${orderId}", casing: "none" },
    },
  },
});

/**
 * A material issued to the order, scanned from the lot's UDI. It carries the lot's origin
 * (supplier, supplier lot, certificate in force at receipt, incoming inspection) as it was at
 * issue time, so the backward trace needs no further hop, and both forward-trace entry points.
 */
export const IssueLineEntity = defineEntity({
  model: model("productionIssue"),
  attributes: {
    ...changeAttributes,
    orderId: { type: "string", required: true, readOnly: true },
    lineId: { type: "string", required: true, readOnly: true },
    /** What the order makes, copied so a forward trace learns it from the GSI hit alone. */
    productId: { type: "string", required: true, readOnly: true },
    fgMaterialId: { type: "string", required: true, readOnly: true },
    fgLotNo: { type: "string", required: true, readOnly: true },
    materialId: { type: "string", required: true, readOnly: true },
    materialCode: { type: "string", required: true, readOnly: true },
    materialName: { type: "string", required: true, readOnly: true },
    lotNo: { type: "string", required: true, readOnly: true },
    serialNo: { type: "string", readOnly: true },
    quantity: { type: "number", required: true, readOnly: true },
    unit: { type: "string", required: true, readOnly: true },
    expiresOn: { type: "string", readOnly: true },
    locationId: { type: "string", required: true, readOnly: true },
    warehouseId: { type: "string", required: true, readOnly: true },
    scanned: { type: "string", required: true, readOnly: true },
    /** Supplier keys of the origin ("-" for stock received without a purchase order). */
    supplierId: { type: "string", required: true, readOnly: true },
    supplierLotNo: { type: "string", required: true, readOnly: true },
    /** JSON of the full origin snapshot (procurement contract). */
    origin: { type: "string", readOnly: true },
    /** The order that produced this lot, when it is one of ours (a sub-assembly). */
    producedByOrderId: { type: "string", readOnly: true },
    issuedAt: { type: "string", required: true, readOnly: true },
    issuedBy: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byOrder: {
      collection: "productionOrder",
      pk: orderPk,
      sk: { field: "sk", composite: ["lineId"], template: "issue#${lineId}", casing: "none" },
    },
    // Forward trace from a material lot: every order that consumed it
    byLot: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "materialId", "lotNo"],
        template: tenantKey("consumed#${materialId}#${lotNo}"),
        casing: "none",
      },
      sk: { field: "gsi1sk", composite: ["orderId", "lineId"], template: "po#${orderId}#${lineId}", casing: "none" },
    },
    // Forward trace from a supplier's own lot number (sparse: only lines with a known origin)
    bySupplierLot: {
      index: "gsi2",
      condition: (a) => a.supplierId !== NO_ORIGIN,
      pk: {
        field: "gsi2pk",
        composite: ["tenantId", "supplierId", "supplierLotNo"],
        template: tenantKey("supplier-lot#${supplierId}#${supplierLotNo}"),
        casing: "none",
      },
      sk: { field: "gsi2sk", composite: ["orderId", "lineId"], template: "po#${orderId}#${lineId}", casing: "none" },
    },
  },
});

/** One report of an operation: quantities, time, operator, equipment, and the serials bound at it. */
export const OperationReportEntity = defineEntity({
  model: model("productionOperation"),
  attributes: {
    ...changeAttributes,
    orderId: { type: "string", required: true, readOnly: true },
    reportId: { type: "string", required: true, readOnly: true },
    sequence: { type: "number", required: true, readOnly: true },
    operationCode: { type: "string", required: true, readOnly: true },
    operationName: { type: "string", required: true, readOnly: true },
    workCentreId: { type: "string", required: true, readOnly: true },
    workCentreCode: { type: "string", required: true, readOnly: true },
    equipment: { type: "string", required: true, readOnly: true },
    good: { type: "number", required: true, readOnly: true },
    scrap: { type: "number", required: true, readOnly: true },
    startedAt: { type: "string", required: true, readOnly: true },
    finishedAt: { type: "string", required: true, readOnly: true },
    operatorId: { type: "string", required: true, readOnly: true },
    operatorName: { type: "string", required: true, readOnly: true },
    /** JSON: serials of units bound at this operation, with the component serials built into each. */
    units: { type: "string", required: true, readOnly: true },
    note: { type: "string", readOnly: true },
  },
  indexes: {
    byOrder: {
      collection: "productionOrder",
      pk: orderPk,
      sk: {
        field: "sk",
        composite: ["sequence", "reportId"],
        template: "op#${sequence}#${reportId}",
        casing: "none",
      },
    },
  },
});

/** An in-process inspection (first-article, sampling, patrol) with its measurements against limits. */
export const InspectionEntity = defineEntity({
  model: model("productionInspection"),
  attributes: {
    ...changeAttributes,
    orderId: { type: "string", required: true, readOnly: true },
    inspectionId: { type: "string", required: true, readOnly: true },
    kind: { type: ["first-article", "sampling", "patrol", "final"] as const, required: true, readOnly: true },
    sequence: { type: "number", required: true, readOnly: true },
    /** JSON: measurements with limits and each one's verdict. */
    measurements: { type: "string", required: true, readOnly: true },
    serials: { type: "list", items: { type: "string" }, readOnly: true },
    sampleSize: { type: "number", required: true, readOnly: true },
    result: { type: ["pass", "fail"] as const, required: true, readOnly: true },
    inspectorId: { type: "string", required: true, readOnly: true },
    inspectorName: { type: "string", required: true, readOnly: true },
    equipment: { type: "string", readOnly: true },
    inspectedAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byOrder: {
      collection: "productionOrder",
      pk: orderPk,
      sk: { field: "sk", composite: ["inspectionId"], template: "insp#${inspectionId}", casing: "none" },
    },
  },
});

/** A nonconformance found on the order and its disposition (scrap, rework, use-as-is under concession). */
export const NonconformanceEntity = defineEntity({
  model: model("productionNc"),
  attributes: {
    ...changeAttributes,
    orderId: { type: "string", required: true, readOnly: true },
    ncId: { type: "string", required: true, readOnly: true },
    ncNo: { type: "string", required: true, readOnly: true },
    sequence: { type: "number", required: true, readOnly: true },
    description: { type: "string", required: true, readOnly: true },
    quantity: { type: "number", required: true, readOnly: true },
    serials: { type: "list", items: { type: "string" }, readOnly: true },
    inspectionId: { type: "string", readOnly: true },
    status: { type: ["open", "dispositioned"] as const, required: true },
    disposition: { type: ["scrap", "rework", "use-as-is"] as const },
    concessionNo: { type: "string" },
    dispositionReason: { type: "string" },
    dispositionedBy: { type: "string" },
    dispositionedAt: { type: "string" },
    raisedBy: { type: "string", required: true, readOnly: true },
    raisedAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byOrder: {
      collection: "productionOrder",
      pk: orderPk,
      sk: { field: "sk", composite: ["ncId"], template: "nc#${ncId}", casing: "none" },
    },
  },
});

/** The batch release decision, with the manifest of its electronic signature. */
export const BatchReleaseEntity = defineEntity({
  model: model("batchRelease"),
  attributes: {
    ...changeAttributes,
    orderId: { type: "string", required: true, readOnly: true },
    decision: { type: ["released"] as const, required: true, readOnly: true },
    signatureId: { type: "string", required: true, readOnly: true },
    signerId: { type: "string", required: true, readOnly: true },
    signerName: { type: "string", required: true, readOnly: true },
    meaning: { type: "string", required: true, readOnly: true },
    manifest: { type: "string", required: true, readOnly: true },
    statement: { type: "string", readOnly: true },
    signedAt: { type: "string", required: true, readOnly: true },
    good: { type: "number", required: true, readOnly: true },
  },
  indexes: {
    byOrder: {
      collection: "productionOrder",
      pk: orderPk,
      sk: { field: "sk", composite: [], template: "release", casing: "none" },
    },
  },
});

/** A finished unit: the serial of a product, the order that made it, its FG lot and components. */
export const UnitEntity = defineEntity({
  model: model("productionUnit"),
  attributes: {
    ...changeAttributes,
    productId: { type: "string", required: true, readOnly: true },
    /** The product's UDI-DI: a scanned label finds the unit in one query (byUdi). */
    udiDi: { type: "string", required: true, readOnly: true },
    serialNo: { type: "string", required: true, readOnly: true },
    orderId: { type: "string", required: true, readOnly: true },
    fgMaterialId: { type: "string", required: true, readOnly: true },
    fgLotNo: { type: "string", required: true, readOnly: true },
    /** JSON: component serials built into this unit ({ materialId, lotNo, serialNo }). */
    components: { type: "string", readOnly: true },
    state: { type: ["in-process", "scrapped", "received"] as const, required: true },
    boundAt: { type: "string", required: true, readOnly: true },
    boundBy: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    bySerial: {
      pk: {
        field: "pk",
        composite: ["tenantId", "productId", "serialNo"],
        template: tenantKey("unit#${productId}#${serialNo}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "unit", casing: "none" },
    },
    // The units of an order (forward trace's second hop; FG receipt)
    byOrder: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "orderId"],
        template: tenantKey("mo-units#${orderId}"),
        casing: "none",
      },
      sk: { field: "gsi1sk", composite: ["serialNo"], template: "ser#${serialNo}", casing: "none" },
    },
    // A scanned UDI (device identifier + serial) to its unit, without first reading the product
    byUdi: {
      index: "gsi2",
      pk: {
        field: "gsi2pk",
        composite: ["tenantId", "udiDi", "serialNo"],
        template: tenantKey("udi-unit#${udiDi}#${serialNo}"),
        casing: "none",
      },
      sk: { field: "gsi2sk", composite: [], template: "unit", casing: "none" },
    },
  },
});
