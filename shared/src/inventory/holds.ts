import type { z } from "zod";
import { commit, emit, type PendingEvent } from "../db/commit.ts";
import { conflict, notFound } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { actorId, useScope, useTenantId, withScope } from "../tenant/context.ts";
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
/** What another aggregate commits with a status change (procurement: the inspection that decided it). */
export interface Accompanying {
  writes: (e: Entities) => Item[];
  events: PendingEvent[];
  /** Maps a failed accompanying write (its index among `writes`) to a domain error. */
  failed: (index: number) => Error;
}
// biome-ignore lint/suspicious/noExplicitAny: ElectroDB's transaction items are typed per entity
type Item = any;
type Entities = Parameters<Parameters<typeof commit>[0]["writes"]>[0];

const setStatus =
  (status: "hold" | "released") =>
  async ({ materialId, lotNo, reason }: z.output<typeof HoldInput>, extra?: Accompanying): Promise<Lot> => {
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
      statusChangedAt: nowIso(),
      statusChangedBy: actorId(),
    };
    const lot = await commit({
      writes: (e) => [
        e.stockLot
          .patch({ tenantId, materialId, lotNo })
          .set(change)
          .where((a, op) => op.eq(a.status, from))
          .commit(),
        ...(extra?.writes(e) ?? []),
      ],
      events: [
        emit(status === "hold" ? LotHeld : LotReleased, { materialId, lotNo, reason }),
        ...(extra?.events ?? []),
      ],
      result: toLot({ ...before, ...change }),
      conditionFailed: (i) =>
        i > 0 && extra
          ? extra.failed(i - 1)
          : conflict("concurrent-change", "The lot's status changed at the same time; reload"),
    });
    // Held stock is not usable: the material may cross its safety threshold either way.
    await withScope({ ...useScope(), idempotency: undefined }, () => evaluate(materialId));
    return lot;
  };

export const hold = fn(HoldInput, (input) => setStatus("hold")(input));
export const release = fn(HoldInput, (input) => setStatus("released")(input));
/** Hold with another aggregate's writes in the same transaction (the early-warning alert that asked for it). */
export const holdWith = (input: z.input<typeof HoldInput>, extra: Accompanying) =>
  setStatus("hold")(HoldInput.parse(input), extra);
/** Release with another aggregate's writes in the same transaction (the accepting inspection). */
export const releaseWith = (input: z.input<typeof HoldInput>, extra: Accompanying) =>
  setStatus("released")(HoldInput.parse(input), extra);
