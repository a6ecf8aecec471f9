import { z } from "zod";
import { Db } from "../db/service.ts";
import { notFound, validation } from "../errors/index.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { LedgerDayQuery, LotNo, MaterialId, StockQuery } from "./schema.ts";
import { type BalanceItem, type LotItem, toBalance, toLine, toLot } from "./views.ts";

export async function findLot(materialId: string, lotNo: string): Promise<LotItem | undefined> {
  const { data } = await Db.entities.stockLot
    .get({ tenantId: useTenantId(), materialId, lotNo })
    .go({ consistent: true });
  return (data as LotItem | null) ?? undefined;
}

async function lotsOf(balances: BalanceItem[]): Promise<Map<string, LotItem>> {
  const tenantId = useTenantId();
  const keys = [...new Map(balances.map((b) => [`${b.materialId}|${b.lotNo}`, b])).values()].map((b) => ({
    tenantId,
    materialId: b.materialId,
    lotNo: b.lotNo,
  }));
  if (!keys.length) return new Map();
  const { data } = await Db.entities.stockLot.get(keys).go();
  return new Map((data as LotItem[]).map((l) => [`${l.materialId}|${l.lotNo}`, l]));
}

export const withLots = async (balances: BalanceItem[]) => {
  const lots = await lotsOf(balances);
  return balances.map((b) => toBalance(b, lots.get(`${b.materialId}|${b.lotNo}`)));
};

/** Every balance of a material (a lot's across locations when `lotNo` is given). */
export async function balancesOfMaterial(materialId: string, lotNo?: string): Promise<BalanceItem[]> {
  const { data } = await Db.entities.stockBalance.query
    .byMaterial({ tenantId: useTenantId(), materialId, ...(lotNo ? { lotNo } : {}) })
    .go({ pages: "all", consistent: true });
  return data as BalanceItem[];
}

/**
 * Stock by material (and lot), or by warehouse (and location). One of material or warehouse is
 * required: each is one partition read, and there is no "everything" scan.
 */
export const list = fn(StockQuery, async (q) => {
  let items: BalanceItem[];
  if (q.materialId) {
    items = await balancesOfMaterial(q.materialId, q.lotNo);
    if (q.warehouseId) items = items.filter((b) => b.warehouseId === q.warehouseId);
    if (q.locationId) items = items.filter((b) => b.locationId === q.locationId);
  } else if (q.warehouseId) {
    const { data } = await Db.entities.stockBalance.query
      .byWarehouse({
        tenantId: useTenantId(),
        warehouseId: q.warehouseId,
        ...(q.locationId ? { locationId: q.locationId } : {}),
      })
      .go({ pages: "all" });
    items = (data as BalanceItem[]).filter((b) => !q.lotNo || b.lotNo === q.lotNo);
  } else {
    throw validation("filter-required", "Give a materialId or a warehouseId", [
      { path: "query.materialId", message: "give a materialId or a warehouseId" },
    ]);
  }
  if (!q.includeEmpty) items = items.filter((b) => (b.onHand ?? 0) !== 0 || (b.reserved ?? 0) !== 0);
  return { items: await withLots(items) };
});

const LotKey = z.object({ materialId: MaterialId, lotNo: z.union([LotNo, z.literal("-")]) });

/** One lot: its status, expiry and where its stock is. */
export const lot = fn(LotKey, async ({ materialId, lotNo }) => {
  const found = await findLot(materialId, lotNo);
  if (!found) throw notFound("lot-not-found", `No lot ${lotNo} of that material in stock records`);
  const balances = await balancesOfMaterial(materialId, lotNo);
  return { lot: toLot(found), balances: balances.map((b) => toBalance(b, found)) };
});

/** A lot's ledger, oldest line first. */
export const ledgerOfLot = fn(LotKey, async ({ materialId, lotNo }) => {
  if (!(await findLot(materialId, lotNo))) throw notFound("lot-not-found", `No lot ${lotNo} of that material`);
  const { data } = await Db.entities.ledgerLine.query
    .byLot({ tenantId: useTenantId(), materialId, lotNo })
    .go({ pages: "all", consistent: true });
  return { items: data.map((l) => toLine(l)) };
});

/** The organisation's ledger of one day (UTC), in time order. */
export const ledgerOfDay = fn(LedgerDayQuery, async ({ day }) => {
  const { data } = await Db.entities.ledgerLine.query.byDay({ tenantId: useTenantId(), day }).go({ pages: "all" });
  return { items: data.map((l) => toLine(l)) };
});
