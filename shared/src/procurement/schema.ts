import { z } from "zod";
import { LotNo } from "../inventory/schema.ts";
import { Unit } from "../masterdata/schema/materials.ts";
import { UdiDi } from "../masterdata/schema/products.ts";
import { barcode, secret } from "../util/text.ts";
import { Aql, Plan } from "./sampling.ts";

/**
 * Procurement and receiving (INV-1): purchase orders, receipts by scanning the supplier's label,
 * incoming inspection and the supplier qualification gate. Zod only: the portal imports this file.
 * Quantities are whole numbers of the material's stock unit, as in the inventory ledger.
 */
export const PoId = z.uuid("poId is a purchase order's id");
export const ReceiptId = z.uuid("receiptId is a receipt's id");
const Quantity = z.number().int("a whole number of the stock unit").positive().max(1_000_000_000);
const IsoDate = z.iso.date("a date as YYYY-MM-DD");
export const Reason = z.string().trim().min(3, "give a reason of at least 3 characters").max(500);

/**
 * draft → approved (sent to the supplier) → closed; draft or approved without receipts → cancelled.
 * Receipts are taken while approved; a line's receipts may not exceed its quantity plus the tolerance.
 */
export const PoStatus = z.enum(["draft", "approved", "closed", "cancelled"]);
export type PoStatus = z.infer<typeof PoStatus>;

export const PoLineInput = z
  .object({
    materialId: z.uuid("materialId is a material's id"),
    quantity: Quantity,
    unit: Unit,
    dueDate: IsoDate,
  })
  .strict();

export const CreatePoInput = z
  .object({
    supplierId: z.uuid("supplierId is a supplier's id"),
    /** Over-delivery accepted per line, in percent of the ordered quantity (rounded down). */
    tolerancePct: z.number().int().min(0).max(20).default(0),
    note: z.string().trim().max(500).optional(),
    lines: z.array(PoLineInput).min(1, "a purchase order has at least one line").max(50),
  })
  .strict();

export const PoLine = PoLineInput.extend({
  lineNo: z.number().int(),
  materialCode: z.string(),
  materialName: z.string(),
  received: z.number().int(),
  /** The most that may be received on this line: quantity plus tolerance. */
  maxReceivable: z.number().int(),
});
export type PoLine = z.infer<typeof PoLine>;

export const PurchaseOrder = z.object({
  poId: z.string(),
  number: z.string(),
  supplierId: z.string(),
  supplierCode: z.string(),
  supplierName: z.string(),
  status: PoStatus,
  tolerancePct: z.number().int(),
  note: z.string().nullable(),
  lines: z.array(PoLine),
  createdAt: z.string(),
  createdBy: z.string(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
});
export type PurchaseOrder = z.infer<typeof PurchaseOrder>;

export const PoSummary = PurchaseOrder.omit({ lines: true }).extend({
  lineCount: z.number().int(),
  ordered: z.number().int(),
  received: z.number().int(),
});
export type PoSummary = z.infer<typeof PoSummary>;

/** A certificate as it was in force at receipt: the trace shows what qualified the supplier then. */
export const CertificateInForce = z.object({
  certificateId: z.string(),
  code: z.string(),
  type: z.string(),
  scopeMaterialIds: z.array(z.string()),
  scopeCategories: z.array(z.string()),
  validFrom: z.string(),
  expiresOn: z.string(),
});

/** A receipt let through the qualification gate by an authorised, signed override. */
export const Override = z.object({
  /** Why the supplier was not qualified (machine codes of `Certificates.isQualified`). */
  qualificationIssues: z.array(z.string()),
  reason: z.string(),
  signatureId: z.string(),
  signerId: z.string(),
  signerName: z.string(),
  meaning: z.string(),
  signedAt: z.string(),
  manifest: z.string(),
});
export type Override = z.infer<typeof Override>;

export const InspectionStatus = z.enum(["awaiting-inspection", "accepted", "rejected"]);

export const Receipt = z.object({
  receiptId: z.string(),
  poId: z.string(),
  lineNo: z.number().int(),
  materialId: z.string(),
  lotNo: z.string(),
  serialNo: z.string().nullable(),
  expiresOn: z.string().nullable(),
  quantity: z.number().int(),
  warehouseId: z.string(),
  locationId: z.string(),
  /** The label as scanned, and the device identifier read from it. */
  scan: z.string(),
  di: z.string(),
  moveId: z.string(),
  certificates: z.array(CertificateInForce),
  override: Override.nullable(),
  status: InspectionStatus,
  receivedAt: z.string(),
  receivedBy: z.string(),
});
export type Receipt = z.infer<typeof Receipt>;

export const OverrideInput = z
  .object({
    reason: Reason,
    /** The signer re-enters their password (electronic signature, meaning "override"). */
    password: secret(z.string().min(1, "re-enter your password to sign").max(200)),
  })
  .strict();

export const ReceiveInput = z
  .object({
    /** The supplier label as the scanner sent it: GS1 element string, bracketed, Digital Link or HIBCC. */
    scan: barcode(z.string().min(1, "scan the supplier label").max(500)),
    /** Which line, when the order has several of the label's material. */
    lineNo: z.number().int().positive().optional(),
    /** Units received; defaults to the count on the label (AI 30 or 37). */
    quantity: Quantity.optional(),
    warehouseId: z.uuid("warehouseId is a warehouse's id"),
    locationId: z.uuid("locationId is a location's id"),
    override: OverrideInput.optional(),
  })
  .strict();

export const Characteristic = z
  .object({
    name: z.string().trim().min(1).max(100),
    requirement: z.string().trim().max(200).optional(),
    /** What was measured (values, a range, "OK"). */
    measured: z.string().trim().max(500).optional(),
    nonconforming: z.number().int().min(0).default(0),
  })
  .strict();

export const Disposition = z.enum(["return-to-supplier", "scrap", "sort-by-supplier"]);

export const InspectFields = z
  .object({
    aql: Aql,
    characteristics: z.array(Characteristic).min(1, "record at least one characteristic").max(50),
    /** Nonconforming units found in the sample (a unit with several defects counts once). */
    defectives: z.number().int().min(0),
    decision: z.enum(["accept", "reject"]),
    /** Why the lot is rejected; recorded on the rejection. */
    reason: Reason.optional(),
    disposition: Disposition.optional(),
  })
  .strict();
export const reasonForRejection = <T extends z.infer<typeof InspectFields>>(s: z.ZodType<T>) =>
  s.refine((i) => i.decision === "accept" || i.reason, { message: "a rejection needs a reason", path: ["reason"] });
export const InspectInput = reasonForRejection(InspectFields);

export const Rejection = z.object({
  reason: z.string(),
  disposition: Disposition,
});

export const Inspection = z.object({
  receiptId: z.string(),
  poId: z.string(),
  materialId: z.string(),
  lotNo: z.string(),
  plan: Plan,
  characteristics: z.array(Characteristic),
  defectives: z.number().int(),
  result: z.enum(["accepted", "rejected"]),
  rejection: Rejection.nullable(),
  inspectedAt: z.string(),
  inspectedBy: z.string(),
});
export type Inspection = z.infer<typeof Inspection>;

export const PoDetail = z.object({
  order: PurchaseOrder,
  receipts: z.array(Receipt),
  inspections: z.array(Inspection),
});
export type PoDetail = z.infer<typeof PoDetail>;

/** The label's device identifier of a supplier's part, mapped to the material it is. */
export const SupplierPartInput = z
  .object({
    gtin: UdiDi,
    materialId: z.uuid("materialId is a material's id"),
    supplierId: z.uuid("supplierId is a supplier's id"),
    supplierPartNo: z.string().trim().min(1).max(60).optional(),
  })
  .strict();
export const SupplierPart = z.object({
  gtin: z.string(),
  materialId: z.string(),
  supplierId: z.string(),
  supplierPartNo: z.string().nullable(),
});
export type SupplierPart = z.infer<typeof SupplierPart>;

/** Where a received lot came from (contract with production and trace): copied onto material issues. */
export const LotOrigin = z.object({
  materialId: z.string(),
  lotNo: z.string(),
  supplierId: z.string(),
  supplierCode: z.string(),
  supplierName: z.string(),
  /** The supplier's own lot number, as on its label. */
  supplierLotNo: z.string(),
  poId: z.string(),
  poNumber: z.string(),
  receiptIds: z.array(z.string()),
  certificates: z.array(CertificateInForce),
  override: Override.nullable(),
  inspection: z
    .object({ receiptId: z.string(), result: z.enum(["accepted", "rejected"]), inspectedAt: z.string() })
    .nullable(),
});
export type LotOrigin = z.infer<typeof LotOrigin>;

export const PoListQuery = z.object({ status: PoStatus.optional() });
/** A received lot, by material and lot number: where it came from. */
export const LotKey = z.object({ materialId: z.uuid(), lotNo: LotNo });
export const SupplierPartsQuery = z.object({ supplierId: z.uuid().optional() });
