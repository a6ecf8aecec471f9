import { Db } from "../db/service.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import * as References from "./references.ts";
import { FefoQuery, type FefoSuggestion } from "./schema.ts";
import { withLots } from "./stock.ts";
import type { BalanceItem } from "./views.ts";

/**
 * First-expiry-first-out picks for a quantity of a material: the material's balances come in
 * expiry order from one index partition; held, expired and reserved stock is skipped.
 */
export const suggest = fn(FefoQuery, async ({ materialId, quantity }): Promise<FefoSuggestion> => {
  await References.material(materialId);
  const { data } = await Db.entities.stockBalance.query
    .byExpiry({ tenantId: useTenantId(), materialId })
    .where((a, op) => op.gt(a.available, 0))
    .go({ pages: "all" });
  const candidates = (await withLots(data as BalanceItem[])).filter((b) => b.lotStatus === "released" && !b.expired);
  const picks: FefoSuggestion["picks"] = [];
  let left = quantity;
  for (const b of candidates) {
    if (left <= 0) break;
    const take = Math.min(left, b.available);
    picks.push({
      lotNo: b.lotNo,
      serialNo: b.serialNo,
      locationId: b.locationId,
      warehouseId: b.warehouseId,
      expiresOn: b.expiresOn,
      quantity: take,
    });
    left -= take;
  }
  return { materialId, requested: quantity, picks, shortBy: left };
});
