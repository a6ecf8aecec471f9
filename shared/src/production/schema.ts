import { z } from "zod";
import { IsoDate, LocationId, LotNo, Quantity, Reason, SerialNo, WarehouseId } from "../inventory/schema.ts";
import { SignatureInput } from "../signature/schema.ts";
import { barcode } from "../util/text.ts";

/**
 * Production (MES-1…4) and traceability (TR-1…3, TR-5) vocabulary. Zod only: the API declaration
 * and the portal import this file.
 */
export const OrderId = z.uuid("orderId is a production order's id");
export const OrderStatus = z.enum(["released", "in-progress", "completed", "released-for-sale", "received"]);
const When = z.iso.datetime({ offset: true, message: "a timestamp in ISO 8601 with zone" });
const Equipment = z.string().trim().min(1, "name the equipment (asset tag)").max(80);

export const CreateOrderInput = z
  .object({
    productId: z.uuid(),
    quantity: Quantity.max(10_000),
    /** The BOM and route revisions in force on this date are snapshotted onto the order. */
    plannedStart: IsoDate,
    /** The finished-goods lot the order's units are made in (GS1 AI 10 on their labels). */
    fgLotNo: LotNo,
    fgExpiresOn: IsoDate.optional(),
  })
  .strict();

export const BomLine = z.object({
  position: z.number(),
  materialId: z.string(),
  materialCode: z.string(),
  materialName: z.string(),
  tracking: z.string(),
  quantity: z.number(),
  unit: z.string(),
});
export const RouteOperation = z.object({
  sequence: z.number(),
  code: z.string(),
  name: z.string(),
  workCentreId: z.string(),
  workCentreCode: z.string(),
  inspection: z.string(),
});
export const BomSnapshot = z.object({ revision: z.number(), effectiveFrom: z.string(), lines: z.array(BomLine) });
export const RouteSnapshot = z.object({
  revision: z.number(),
  effectiveFrom: z.string(),
  operations: z.array(RouteOperation),
});

export const Order = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  productId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  udiDi: z.string(),
  fgMaterialId: z.string(),
  fgLotNo: z.string(),
  fgExpiresOn: z.string().nullable(),
  quantity: z.number(),
  status: OrderStatus,
  plannedStart: z.string(),
  bom: BomSnapshot,
  route: RouteSnapshot,
  releasedAt: z.string(),
  releasedBy: z.string(),
  good: z.number(),
  scrapped: z.number(),
});
export type Order = z.infer<typeof Order>;

export const IssueMaterialInput = z
  .object({
    orderId: OrderId,
    /** The lot's label as scanned (GS1 element string, bracketed, Digital Link or HIBCC). */
    scan: barcode(z.string().trim().min(1, "scan the lot's label").max(200)),
    /** Which BOM material the scan is; found from the lot when omitted. */
    materialId: z.uuid().optional(),
    warehouseId: WarehouseId,
    locationId: LocationId,
    quantity: Quantity,
  })
  .strict();

/** A lot's origin from receiving (procurement contract): what the issue line snapshots. */
export const LotOrigin = z.object({
  supplierId: z.string(),
  supplierCode: z.string().optional(),
  supplierName: z.string().optional(),
  supplierLotNo: z.string(),
  purchaseOrderId: z.string().optional(),
  receiptId: z.string().optional(),
  certificate: z
    .object({
      certificateNo: z.string(),
      scope: z.string().optional(),
      validTo: z.string().optional(),
    })
    .optional(),
  inspection: z.object({ result: z.string(), plan: z.string().optional() }).optional(),
  /** Received although the supplier was not qualified: the signed override that let it in. */
  override: z
    .object({ reason: z.string(), signerName: z.string(), signedAt: z.string(), issues: z.array(z.string()) })
    .optional(),
});
export type LotOrigin = z.infer<typeof LotOrigin>;

export const IssueLine = z.object({
  orderId: z.string(),
  lineId: z.string(),
  materialId: z.string(),
  materialCode: z.string(),
  materialName: z.string(),
  lotNo: z.string(),
  serialNo: z.string().nullable(),
  quantity: z.number(),
  unit: z.string(),
  expiresOn: z.string().nullable(),
  warehouseId: z.string(),
  locationId: z.string(),
  origin: LotOrigin.nullable(),
  producedByOrderId: z.string().nullable(),
  issuedAt: z.string(),
  issuedBy: z.string(),
});
export type IssueLine = z.infer<typeof IssueLine>;

const Component = z.object({ materialId: z.uuid(), lotNo: LotNo.optional(), serialNo: SerialNo });
export const UnitBinding = z.object({
  serialNo: SerialNo,
  /** Serialised components built into this unit at this operation (e.g. the main board). */
  components: z.array(Component).max(20).optional(),
});

const ReportFields = z.object({
  sequence: z.number().int().min(1),
  good: z.number().int().min(0).max(10_000),
  scrap: z.number().int().min(0).max(10_000).default(0),
  startedAt: When,
  finishedAt: When,
  equipment: Equipment,
  /** Units processed at this operation by serial: bound to the order on first report. */
  units: z.array(UnitBinding).max(80, "report at most 80 serials at once").default([]),
  note: z.string().trim().max(500).optional(),
});
const reportChecks = <T extends z.ZodType<z.output<typeof ReportFields>>>(schema: T) =>
  schema
    .refine((r) => r.good + r.scrap > 0, { message: "report a good or scrap quantity", path: ["good"] })
    .refine((r) => r.finishedAt >= r.startedAt, { message: "finishedAt is before startedAt", path: ["finishedAt"] })
    .refine((r) => new Set(r.units.map((u) => u.serialNo)).size === r.units.length, {
      message: "a serial is listed twice",
      path: ["units"],
    });
/** The request body (the order is in the path). */
export const ReportOperationBody = reportChecks(ReportFields.strict());
export const ReportOperationInput = reportChecks(ReportFields.extend({ orderId: OrderId }).strict());

export const OperationReport = z.object({
  orderId: z.string(),
  reportId: z.string(),
  sequence: z.number(),
  operationCode: z.string(),
  operationName: z.string(),
  workCentreId: z.string(),
  workCentreCode: z.string(),
  equipment: z.string(),
  good: z.number(),
  scrap: z.number(),
  startedAt: z.string(),
  finishedAt: z.string(),
  operatorId: z.string(),
  operatorName: z.string(),
  units: z.array(
    z.object({
      serialNo: z.string(),
      components: z.array(z.object({ materialId: z.string(), lotNo: z.string().optional(), serialNo: z.string() })),
    }),
  ),
  note: z.string().nullable(),
});
export type OperationReport = z.infer<typeof OperationReport>;

const Measurement = z
  .object({
    characteristic: z.string().trim().min(1).max(100),
    value: z.number(),
    lower: z.number().optional(),
    upper: z.number().optional(),
    unit: z.string().trim().min(1).max(20),
  })
  .refine((m) => m.lower !== undefined || m.upper !== undefined, {
    message: "give at least one limit (lower or upper)",
  })
  .refine((m) => m.lower === undefined || m.upper === undefined || m.lower <= m.upper, {
    message: "lower limit above upper limit",
  });
export const InspectionKind = z.enum(["first-article", "sampling", "patrol", "final"]);

export const InspectInput = z
  .object({
    orderId: OrderId,
    kind: InspectionKind,
    sequence: z.number().int().min(1),
    sampleSize: z.number().int().min(1).max(10_000),
    serials: z.array(SerialNo).max(200).default([]),
    measurements: z.array(Measurement).min(1, "record at least one measurement").max(50),
    equipment: Equipment.optional(),
  })
  .strict();

/** One recorded measurement with its limits and verdict: as stored, answered and published. */
export const MeasuredResult = z.object({
  characteristic: z.string(),
  value: z.number(),
  lower: z.number().optional(),
  upper: z.number().optional(),
  unit: z.string(),
  pass: z.boolean(),
});

export const Inspection = z.object({
  orderId: z.string(),
  inspectionId: z.string(),
  kind: InspectionKind,
  sequence: z.number(),
  sampleSize: z.number(),
  serials: z.array(z.string()),
  measurements: z.array(MeasuredResult),
  result: z.enum(["pass", "fail"]),
  inspectorId: z.string(),
  inspectorName: z.string(),
  equipment: z.string().nullable(),
  inspectedAt: z.string(),
  /** The nonconformance a failed inspection raised. */
  ncId: z.string().nullable(),
});
export type Inspection = z.infer<typeof Inspection>;

export const RaiseNcInput = z
  .object({
    orderId: OrderId,
    sequence: z.number().int().min(1),
    description: z.string().trim().min(5, "describe the nonconformance (5 characters at least)").max(1000),
    quantity: z.number().int().min(1).max(10_000),
    serials: z.array(SerialNo).max(80).default([]),
  })
  .strict();

export const Disposition = z.enum(["scrap", "rework", "use-as-is"]);
const DispositionFields = z.object({
  disposition: Disposition,
  reason: Reason,
  /** Use-as-is needs the concession (deviation) that allows it. */
  concessionNo: z.string().trim().min(1).max(40).optional(),
});
const dispositionChecks = <T extends z.ZodType<z.output<typeof DispositionFields>>>(schema: T) =>
  schema.refine((d) => d.disposition !== "use-as-is" || d.concessionNo, {
    message: "use-as-is needs the concession number",
    path: ["concessionNo"],
  });
export const DispositionBody = dispositionChecks(DispositionFields.strict());
export const DispositionInput = dispositionChecks(
  DispositionFields.extend({ orderId: OrderId, ncId: z.uuid() }).strict(),
);

export const Nonconformance = z.object({
  orderId: z.string(),
  ncId: z.string(),
  ncNo: z.string(),
  sequence: z.number(),
  description: z.string(),
  quantity: z.number(),
  serials: z.array(z.string()),
  inspectionId: z.string().nullable(),
  status: z.enum(["open", "dispositioned"]),
  disposition: Disposition.nullable(),
  concessionNo: z.string().nullable(),
  dispositionReason: z.string().nullable(),
  dispositionedBy: z.string().nullable(),
  dispositionedAt: z.string().nullable(),
  raisedBy: z.string(),
  raisedAt: z.string(),
});
export type Nonconformance = z.infer<typeof Nonconformance>;

export const BatchRelease = z.object({
  orderId: z.string(),
  decision: z.literal("released"),
  signatureId: z.string(),
  signerId: z.string(),
  signerName: z.string(),
  meaning: z.string(),
  manifest: z.string(),
  statement: z.string().nullable(),
  signedAt: z.string(),
  good: z.number(),
});
export type BatchRelease = z.infer<typeof BatchRelease>;

export const ReceiveFgInput = z.object({ orderId: OrderId, warehouseId: WarehouseId, locationId: LocationId }).strict();

export const Unit = z.object({
  productId: z.string(),
  serialNo: z.string(),
  orderId: z.string(),
  fgMaterialId: z.string(),
  fgLotNo: z.string(),
  state: z.enum(["in-process", "scrapped", "received"]),
  components: z.array(z.object({ materialId: z.string(), lotNo: z.string().optional(), serialNo: z.string() })),
  boundAt: z.string(),
  boundBy: z.string(),
});
export type Unit = z.infer<typeof Unit>;

/** Everything recorded on one order: its evidence file (one partition, one query). */
export const OrderRecord = z.object({
  order: Order,
  issues: z.array(IssueLine),
  operations: z.array(OperationReport),
  inspections: z.array(Inspection),
  nonconformances: z.array(Nonconformance),
  release: BatchRelease.nullable(),
});
export type OrderRecord = z.infer<typeof OrderRecord>;

/** Where a unit is now, from the inventory serial item (the shipment adds its shipment and custodian). */
export const Custodian = z.object({
  state: z.string(),
  warehouseId: z.string().nullable(),
  locationId: z.string().nullable(),
  shipmentId: z.string().nullable(),
  customerId: z.string().nullable(),
  custodianTenantId: z.string().nullable(),
});
export type Custodian = z.infer<typeof Custodian>;

export const BackwardTraceInput = z.union([
  z.object({ productId: z.uuid(), serialNo: SerialNo }).strict(),
  z.object({ udi: barcode(z.string().trim().min(1).max(200)) }).strict(),
]);

export const TraceCost = z.object({
  /** Dependent DynamoDB round trips (requests issued in parallel count once). */
  roundTrips: z.number(),
  requests: z.number(),
  /** Read capacity units DynamoDB reported (ReturnConsumedCapacity). */
  capacityUnits: z.number(),
});

export const BackwardTrace = z.object({
  unit: Unit,
  record: OrderRecord,
  /** Sub-assemblies made in-house: the records of the orders that made issued lots (one hop per level). */
  subAssemblies: z.array(OrderRecord),
  custodian: Custodian.nullable(),
  /** SHA-256 of the evidence above as canonical JSON (digest.ts): a printed report carries it to be checked against the data. */
  evidenceSha256: z.string().regex(/^[0-9a-f]{64}$/),
  cost: TraceCost,
});
export type BackwardTrace = z.infer<typeof BackwardTrace>;

export const ForwardTraceInput = z.union([
  z.object({ materialId: z.uuid(), lotNo: LotNo }).strict(),
  z.object({ supplierId: z.uuid(), supplierLotNo: z.string().trim().min(1).max(40) }).strict(),
]);

export const AffectedLot = z.object({
  orderId: z.string(),
  productId: z.string(),
  fgMaterialId: z.string(),
  fgLotNo: z.string(),
  /** 0 for the order that made the traced lot itself; 1 for orders that consumed it directly; 2+ through sub-assemblies. */
  level: z.number(),
  via: z.object({ materialId: z.string(), lotNo: z.string() }),
});
export const AffectedSerial = z.object({
  productId: z.string(),
  serialNo: z.string(),
  orderId: z.string(),
  fgLotNo: z.string(),
  state: z.string(),
  custodian: Custodian.nullable(),
});
export const ForwardTrace = z.object({
  lots: z.array(AffectedLot),
  serials: z.array(AffectedSerial),
  cost: TraceCost,
});
export type ForwardTrace = z.infer<typeof ForwardTrace>;

/** MES-3: quality's batch release, signed with the meaning "released". */
export const ReleaseBatchInput = SignatureInput.extend({
  orderId: OrderId,
  meaning: z.literal("released", { message: 'a batch release is signed with the meaning "released"' }),
}).strict();

export const OrderListQuery = z.object({ status: OrderStatus.optional() }).strict();
