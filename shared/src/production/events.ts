import { z } from "zod";
import { defineEvent } from "../events/define.ts";
import { MeasuredResult } from "./schema.ts";

const OrderRef = z.object({ orderId: z.string(), orderNo: z.string(), productId: z.string(), fgLotNo: z.string() });

export const OrderReleased = defineEvent(
  "Production.OrderReleased",
  1,
  OrderRef.extend({ quantity: z.number(), bomRevision: z.number(), routeRevision: z.number() }),
);
export const MaterialIssued = defineEvent(
  "Production.MaterialIssued",
  1,
  z.object({ orderId: z.string(), materialId: z.string(), lotNo: z.string(), quantity: z.number() }),
);
export const NonconformanceRaised = defineEvent(
  "Production.NonconformanceRaised",
  1,
  z.object({ orderId: z.string(), ncId: z.string(), ncNo: z.string(), quantity: z.number() }),
);
export const NonconformanceDispositioned = defineEvent(
  "Production.NonconformanceDispositioned",
  1,
  z.object({ orderId: z.string(), ncId: z.string(), disposition: z.string() }),
);
/** Quality signed the batch off: its units may be received and sold. */
export const BatchReleased = defineEvent(
  "Production.BatchReleased",
  1,
  OrderRef.extend({ good: z.number(), signatureId: z.string() }),
);
export const FinishedGoodsReceived = defineEvent(
  "Production.FinishedGoodsReceived",
  1,
  OrderRef.extend({ serials: z.number() }),
);

/**
 * An in-process inspection recorded (MES-3), with every measurement against its limits: what the
 * early-warning rules (thresholds, SPC) read, per characteristic, with the lot it was made for.
 */
export const InspectionRecorded = defineEvent(
  "Production.InspectionRecorded",
  1,
  z.object({
    orderId: z.string(),
    orderNo: z.string(),
    inspectionId: z.string(),
    kind: z.string(),
    sequence: z.number(),
    fgMaterialId: z.string(),
    lotNo: z.string(),
    result: z.enum(["pass", "fail"]),
    measurements: z.array(MeasuredResult),
  }),
);
