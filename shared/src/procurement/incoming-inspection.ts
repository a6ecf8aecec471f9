import { commit, emit } from "../db/commit.ts";
import type { Db } from "../db/service.ts";
import { conflict, notFound, unprocessable } from "../errors/index.ts";
import * as Holds from "../inventory/holds.ts";
import { findLot } from "../inventory/stock.ts";
import { nowIso } from "../ports/clock.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { InspectionCompleted } from "./events.ts";
import { load } from "./purchase-orders.ts";
import { guardedOriginPatch, storedOrigin } from "./receiving.ts";
import { planFor } from "./sampling.ts";
import { InspectFields, type Inspection, type LotOrigin, PoId, ReceiptId, reasonForRejection } from "./schema.ts";
import { toReceipt } from "./views.ts";

type Entities = Parameters<Parameters<typeof Db.transaction.write>[0]>[0];

/**
 * Record the incoming inspection of a receipt (来料检验) with the GB/T 2828.1 plan for its lot size
 * and AQL. Accepting releases the lot from quarantine in the same transaction; rejecting keeps it on
 * hold and records the rejection with its reason and disposition. One inspection per receipt.
 */
export const inspect = fn(
  reasonForRejection(InspectFields.extend({ poId: PoId, receiptId: ReceiptId })),
  async ({ poId, receiptId, ...input }): Promise<Inspection> => {
    const { header, receipts, inspections } = await load(poId);
    const stored = receipts.find((r) => r.receiptId === receiptId);
    if (!stored) throw notFound("receipt-not-found", `No receipt ${receiptId} on this purchase order`);
    if (inspections.some((i) => i.receiptId === receiptId) || stored.status !== "awaiting-inspection") {
      throw conflict("already-inspected", "This receipt was inspected already");
    }
    const receipt = toReceipt(stored);
    const plan = planFor({ lotSize: receipt.quantity, aql: input.aql });
    if (input.defectives > plan.sampleSize) {
      throw unprocessable(
        "defectives-exceed-sample",
        `The sample is ${plan.sampleSize} units: ${input.defectives} defectives cannot be`,
      );
    }
    if (input.decision === "accept" && input.defectives > plan.acceptance) {
      throw unprocessable(
        "plan-requires-rejection",
        `${input.defectives} nonconforming in ${plan.sampleSize} reaches Re ${plan.rejection}: the lot must be rejected`,
        { acceptance: plan.acceptance, rejection: plan.rejection },
      );
    }
    const result = input.decision === "accept" ? ("accepted" as const) : ("rejected" as const);
    const inspection: Inspection = {
      receiptId,
      poId,
      materialId: receipt.materialId,
      lotNo: receipt.lotNo,
      plan,
      characteristics: input.characteristics,
      defectives: input.defectives,
      result,
      rejection:
        result === "rejected"
          ? { reason: input.reason ?? "", disposition: input.disposition ?? "return-to-supplier" }
          : null,
      inspectedAt: nowIso(),
      inspectedBy: actorId(),
    };
    const tenantId = useTenantId();
    const origin = await storedOrigin(receipt.materialId, receipt.lotNo);
    const writes = (e: Entities) => [
      e.incomingInspection
        .create({
          tenantId,
          ...inspection,
          plan: JSON.stringify(plan),
          characteristics: JSON.stringify(inspection.characteristics),
          rejection: inspection.rejection ? JSON.stringify(inspection.rejection) : undefined,
        })
        .commit(),
      e.poReceipt
        .patch({ tenantId, poId, receiptId })
        .set({ status: result })
        .where((a, op) => op.eq(a.status, "awaiting-inspection"))
        .commit(),
      ...(origin
        ? [
            guardedOriginPatch(e, { tenantId, materialId: receipt.materialId, lotNo: receipt.lotNo }, origin.origin, {
              ...(JSON.parse(origin.origin) as LotOrigin),
              inspection: { receiptId, result, inspectedAt: inspection.inspectedAt },
            }),
          ]
        : []),
    ];
    const events = [
      emit(InspectionCompleted, {
        poId,
        receiptId,
        supplierId: header.supplierId,
        materialId: receipt.materialId,
        lotNo: receipt.lotNo,
        result,
        sampleSize: plan.sampleSize,
        defectives: input.defectives,
      }),
    ];
    const failed = (i: number) =>
      i < 2
        ? conflict("already-inspected", "This receipt was inspected at the same time")
        : conflict("lot-origin-changed", "The lot's origin changed at the same time; try again");
    const lot = await findLot(receipt.materialId, receipt.lotNo);
    if (result === "accepted" && lot?.status === "hold") {
      await Holds.releaseWith(
        {
          materialId: receipt.materialId,
          lotNo: receipt.lotNo,
          reason: `Incoming inspection accepted (${header.number}, n=${plan.sampleSize}, ${input.defectives} defective)`,
        },
        { writes, events, failed },
      );
    } else {
      // Rejected: the lot stays on hold until its disposition. Accepted but released already: nothing to lift.
      await commit({ writes, events, result: undefined, conditionFailed: failed });
    }
    return inspection;
  },
);
