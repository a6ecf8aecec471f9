import { commit, emit, isConditionFailed } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { DomainError } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { SafetyStockBelow, SafetyStockRestored } from "./events.ts";
import * as References from "./references.ts";
import { SafetyStock, SafetyStockInput } from "./schema.ts";
import { balancesOfMaterial, withLots } from "./stock.ts";

type SafetyItem = { materialId: string; threshold: number; available: number; below: boolean; evaluatedAt: string };
const toInfo = (s: SafetyItem): SafetyStock => SafetyStock.parse(s);

/** Stock that can be used now: available (not reserved), in lots neither on hold nor expired. */
async function usable(materialId: string): Promise<number> {
  const balances = await withLots(await balancesOfMaterial(materialId));
  return balances.filter((b) => b.lotStatus === "released" && !b.expired).reduce((n, b) => n + b.available, 0);
}

/**
 * Compare usable stock with the material's threshold after a change, and emit an event when it
 * crosses. The `below` flag flips under a condition, so of racing evaluations one emits and the
 * others find the flag already flipped: one event per crossing, not one per move.
 *
 * Most evaluations cross nothing; they only refresh the level, with a plain conditional update.
 * Inside a transaction, fifty racing refreshes of the one item cancel each other
 * (TransactionConflict) until some give up; single-item updates queue instead.
 */
export async function evaluate(materialId: string, attempt = 1): Promise<SafetyStock | undefined> {
  const tenantId = useTenantId();
  const { data } = await Db.entities.safetyStock.get({ tenantId, materialId }).go({ consistent: true });
  if (!data) return undefined;
  const available = await usable(materialId);
  const below = available < data.threshold;
  const evaluatedAt = nowIso();
  const next = toInfo({ materialId, threshold: data.threshold, available, below, evaluatedAt });
  try {
    if (below === data.below) {
      await Db.entities.safetyStock
        .patch({ tenantId, materialId })
        .set({ available, evaluatedAt })
        .where((a, op) => `${op.eq(a.below, data.below)} AND ${op.eq(a.threshold, data.threshold)}`)
        .go();
      return next;
    }
    return await commit({
      writes: (e) => [
        e.safetyStock
          .patch({ tenantId, materialId })
          .set({ below, available, evaluatedAt })
          .where((a, op) => `${op.eq(a.below, data.below)} AND ${op.eq(a.threshold, data.threshold)}`)
          .commit(),
      ],
      events: [
        emit(below ? SafetyStockBelow : SafetyStockRestored, { materialId, threshold: data.threshold, available }),
      ],
      result: next,
      conditionFailed: () => new FlippedElsewhere(),
    });
  } catch (e) {
    // Another move evaluated at the same time: look again at what is there now.
    const raced =
      e instanceof FlippedElsewhere ||
      isConditionFailed(e) ||
      (e instanceof DomainError && e.code === "concurrent-change");
    if (!raced) throw e;
    // Still racing after this many looks: the racers are evaluating the same stock, and the last
    // of them records it. The move that called is committed either way; it must not fail now.
    return attempt < 8 ? evaluate(materialId, attempt + 1) : undefined;
  }
}

class FlippedElsewhere extends Error {}

/** Set a material's threshold; it is evaluated at once, so a threshold above current stock reports. */
export const set = fn(SafetyStockInput, async ({ materialId, threshold }) => {
  const tenantId = useTenantId();
  await References.material(materialId);
  const { data: before } = await Db.entities.safetyStock.get({ tenantId, materialId }).go({ consistent: true });
  // Keep the flag as it was: the evaluation below decides whether this is a crossing.
  const below = before?.below ?? false;
  const available = before?.available ?? 0;
  await commit({
    writes: (e) => [
      e.safetyStock.put({ tenantId, materialId, threshold, below, available, evaluatedAt: nowIso() }).commit(),
    ],
    result: null,
  });
  return (await evaluate(materialId)) as SafetyStock;
});

/** Every threshold of the organisation, by material. */
export async function list(): Promise<{ items: SafetyStock[] }> {
  const { data } = await Db.entities.safetyStock.query.all({ tenantId: useTenantId() }).go({ pages: "all" });
  return { items: data.map((s) => toInfo(s)) };
}
