import { commit, emit } from "../db/commit.ts";
import { conflict, notFound } from "../errors/index.ts";
import { actorId, useScope, useTenantId, withScope } from "../tenancy/context.ts";
import { fn } from "../util/fn.ts";
import { LotHeld, LotReleased } from "./events.ts";
import { evaluate } from "./safety-stock.ts";
import { HoldInput, type Lot } from "./schema.ts";
import { findLot } from "./stock.ts";
import { toLot } from "./views.ts";

/**
 * Quality status of a lot. A hold blocks issue, reservation, shipment and staging for shipment
 * everywhere the lot is; moves check it inside their own transaction, so a hold placed while a
 * move is in flight wins.
 */
const setStatus = (status: "hold" | "released") =>
  fn(HoldInput, async ({ materialId, lotNo, reason }): Promise<Lot> => {
    const tenantId = useTenantId();
    const before = await findLot(materialId, lotNo);
    if (!before) throw notFound("lot-not-found", `No lot ${lotNo} of that material`);
    const from = status === "hold" ? "released" : "hold";
    if (before.status !== from) {
      throw conflict(status === "hold" ? "lot-on-hold" : "lot-not-on-hold", `Lot ${lotNo} is ${before.status} already`);
    }
    const change = {
      status,
      holdReason: status === "hold" ? reason : "",
      statusChangedAt: new Date().toISOString(),
      statusChangedBy: actorId(),
    };
    const lot = await commit({
      writes: (e) => [
        e.stockLot
          .patch({ tenantId, materialId, lotNo })
          .set(change)
          .where((a, op) => op.eq(a.status, from))
          .commit(),
      ],
      events: [emit(status === "hold" ? LotHeld : LotReleased, { materialId, lotNo, reason })],
      result: toLot({ ...before, ...change }),
      conditionFailed: () => conflict("concurrent-change", "The lot's status changed at the same time; reload"),
    });
    // Held stock is not usable: the material may cross its safety threshold either way.
    await withScope({ ...useScope(), idempotency: undefined }, () => evaluate(materialId));
    return lot;
  });

export const hold = setStatus("hold");
export const release = setStatus("released");
