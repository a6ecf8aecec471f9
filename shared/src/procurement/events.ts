import { z } from "zod";
import { defineEvent } from "../events/define.ts";

const Po = z.object({ poId: z.string(), number: z.string(), supplierId: z.string() });

export const PurchaseOrderCreated = defineEvent("Procurement.PurchaseOrderCreated", 1, Po);
/** Approved and sent to the supplier: receipts may be taken against it. */
export const PurchaseOrderApproved = defineEvent("Procurement.PurchaseOrderApproved", 1, Po);
export const PurchaseOrderClosed = defineEvent("Procurement.PurchaseOrderClosed", 1, Po.extend({ reason: z.string() }));
export const PurchaseOrderCancelled = defineEvent(
  "Procurement.PurchaseOrderCancelled",
  1,
  Po.extend({ reason: z.string() }),
);

/** Goods arrived against a line and sit in quarantine (lot on hold) until incoming inspection. */
export const GoodsReceived = defineEvent(
  "Procurement.GoodsReceived",
  1,
  z.object({
    poId: z.string(),
    receiptId: z.string(),
    lineNo: z.number().int(),
    supplierId: z.string(),
    materialId: z.string(),
    lotNo: z.string(),
    serialNo: z.string().nullable(),
    quantity: z.number().int(),
    moveId: z.string(),
    /** The qualification gate was passed by a signed override (QM-4 counts these). */
    overridden: z.boolean(),
  }),
);

/** Incoming inspection decided: accepted (lot released) or rejected (lot stays on hold). */
export const InspectionCompleted = defineEvent(
  "Procurement.InspectionCompleted",
  1,
  z.object({
    poId: z.string(),
    receiptId: z.string(),
    supplierId: z.string(),
    materialId: z.string(),
    lotNo: z.string(),
    result: z.enum(["accepted", "rejected"]),
    sampleSize: z.number().int(),
    defectives: z.number().int(),
  }),
);
