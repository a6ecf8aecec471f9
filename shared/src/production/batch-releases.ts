import { commit, emit } from "../db/commit.ts";
import { conflict, unprocessable } from "../errors/index.ts";
import * as Signatures from "../signature/signatures.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { BatchReleased } from "./events.ts";
import { loadOrder, readRecord } from "./production-orders.ts";
import { type BatchRelease, ReleaseBatchInput } from "./schema.ts";
import { toRelease } from "./views.ts";

/**
 * MES-3: quality's batch release decision, electronically signed (meaning "released"). Only a
 * batch whose last operation is reported and whose every nonconformance is dispositioned can be
 * released; the decision, the order's new status and the signature commit in one transaction.
 */
export const releaseBatch = fn(ReleaseBatchInput, async ({ orderId, ...signature }): Promise<BatchRelease> => {
  const order = await loadOrder(orderId);
  if (order.status !== "in-progress") {
    throw conflict(
      "order-not-releasable",
      `Order ${order.orderNo} is ${order.status}: only work in progress is released`,
    );
  }
  const record = (await readRecord(orderId))!;
  const last = record.order.route.operations.at(-1)!;
  if (!record.operations.some((o) => o.sequence === last.sequence && o.good > 0)) {
    throw unprocessable(
      "last-operation-not-reported",
      `Operation ${last.sequence} (${last.code}) has no good units reported`,
    );
  }
  const open = record.nonconformances.filter((n) => n.status === "open");
  if (open.length) {
    throw unprocessable("open-nonconformances", `Disposition ${open.map((n) => n.ncNo).join(", ")} before release`, {
      ncIds: open.map((n) => n.ncId),
    });
  }
  const good = record.order.good;
  const sig = await Signatures.sign(signature, `production-order/${orderId}/release`, {
    orderId,
    fgLotNo: order.fgLotNo,
    good,
  });
  const tenantId = useTenantId();
  const stored = {
    tenantId,
    orderId,
    decision: "released" as const,
    signatureId: sig.signatureId,
    signerId: sig.signerId,
    signerName: sig.signerName,
    meaning: sig.meaning,
    manifest: sig.manifest,
    statement: sig.statement,
    signedAt: sig.signedAt,
    good,
  };
  return commit({
    writes: (e) => [
      e.productionOrder
        .patch({ tenantId, orderId })
        .set({ status: "released-for-sale" })
        .where((a, op) => op.eq(a.status, "in-progress"))
        .commit(),
      e.batchRelease.create(stored).commit(),
      Signatures.write(sig)(e),
    ],
    events: [
      emit(BatchReleased, {
        orderId,
        orderNo: order.orderNo,
        productId: order.productId,
        fgLotNo: order.fgLotNo,
        good,
        signatureId: sig.signatureId,
      }),
    ],
    result: toRelease(stored),
    conditionFailed: () => conflict("order-not-releasable", "The order changed at the same time; reload"),
  });
});
