import { unprocessable } from "../errors/index.ts";
import { useScope, useTenantId, withScope } from "../tenant/context.ts";
import type { Guarded, StockKey } from "./engine.ts";
import * as References from "./references.ts";
import { evaluate } from "./safety-stock.ts";
import type { Place } from "./schema.ts";
import { findLot } from "./stock.ts";
import { isExpired, type LotItem } from "./views.ts";

/**
 * After a committed move: re-evaluate the material's safety stock. Outside the move's idempotency
 * key (that key answers for the move), so a replayed move re-evaluates and changes nothing else.
 */
export async function settle<T>(materialId: string, result: T): Promise<T> {
  await withScope({ ...useScope(), idempotency: undefined }, () => evaluate(materialId));
  return result;
}

export async function existingLot(item: StockKey): Promise<LotItem> {
  const lot = await findLot(item.materialId, item.lotNo);
  if (!lot) {
    throw unprocessable("insufficient-stock", `No stock of lot ${item.lotNo}: it was never received`, {
      available: 0,
    });
  }
  return lot;
}

/** Stock that leaves for use or for a customer must be released and in date. */
export function assertUsable(lot: LotItem, what: string) {
  if (lot.status === "hold") {
    throw unprocessable(
      "lot-on-hold",
      `Lot ${lot.lotNo} is on quality hold (${lot.holdReason ?? ""}): it cannot be ${what}`,
      {
        holdReason: lot.holdReason ?? null,
      },
    );
  }
  if (isExpired(lot.expiresOn)) {
    throw unprocessable("lot-expired", `Lot ${lot.lotNo} expired on ${lot.expiresOn}: it cannot be ${what}`, {
      expiresOn: lot.expiresOn,
    });
  }
}

/** The lot is still released when the move commits: a hold placed meanwhile wins. */
export const releasedGuard = (item: StockKey): Guarded => ({
  write: (e) =>
    e.stockLot
      .check({ tenantId: useTenantId(), materialId: item.materialId, lotNo: item.lotNo })
      .where((a, op) => op.eq(a.status, "released"))
      .commit(),
  failed: () => unprocessable("lot-on-hold", `Lot ${item.lotNo} was put on quality hold just now`),
});

/** Resolve what a request moves, with the material checked against master data. */
export async function resolve(input: { materialId: string; lotNo?: string; serialNo?: string; quantity?: number }) {
  const material = await References.material(input.materialId);
  const ids = References.identify(material, input);
  return { material, item: { materialId: input.materialId, ...ids } as StockKey };
}

export const place = (p: Place, opts?: { receiving?: boolean }) =>
  References.location(p.warehouseId, p.locationId, opts).then(() => p);
