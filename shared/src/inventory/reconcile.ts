import { Db } from "../db/service.ts";
import { Materials } from "../masterdata/index.ts";
import { useTenantId } from "../tenant/context.ts";
import { balancesOfMaterial } from "./stock.ts";
import type { BalanceItem } from "./views.ts";

/** Stock at one place that its ledger does not account for. */
export interface Mismatch {
  materialId: string;
  lotNo: string;
  serialNo: string;
  locationId: string;
  /** What the balance says is there (0 when there is ledger but no balance). */
  onHand: number;
  /** What the ledger lines add up to. */
  ledger: number;
}

// A move commits between the reads this often at most before the material is left to the next run.
const MAX_READS = 5;

// Not in any id: a place's three parts joined and split again without ambiguity.
const SEPARATOR = "\u0000";
const placeOf = (p: Pick<Mismatch, "lotNo" | "serialNo" | "locationId">) =>
  [p.lotNo, p.serialNo, p.locationId].join(SEPARATOR);

/**
 * Every move changes a balance and appends its ledger lines in one transaction, so per place the
 * ledger's quantities add up to the balance's on-hand. A difference is stock changed some other
 * way: a direct table edit, or a lost ledger line. The balances are read before and after the
 * ledger; a move in between (a balance's `seq` moved) means reading again, not a false alarm.
 */
export async function reconcileMaterial(materialId: string): Promise<Mismatch[]> {
  for (let read = 1; ; read++) {
    const before = await balancesOfMaterial(materialId);
    const ledger = await ledgerOf(materialId, before);
    const after = await balancesOfMaterial(materialId);
    if (sameMoves(before, after) || read >= MAX_READS) return compare(materialId, after, ledger);
  }
}

/** Reconcile every material of the ambient tenant. */
export async function reconcile(): Promise<{ materials: number; mismatches: Mismatch[] }> {
  const materials = await Materials.list();
  const mismatches: Mismatch[] = [];
  for (const { materialId } of materials) mismatches.push(...(await reconcileMaterial(materialId)));
  return { materials: materials.length, mismatches };
}

/** Ledger sums by place, over every lot that has a balance or is known as a lot of the material. */
async function ledgerOf(materialId: string, balances: BalanceItem[]): Promise<Map<string, number>> {
  const tenantId = useTenantId();
  const { data: lots } = await Db.entities.stockLot.query.lotsOfMaterial({ tenantId, materialId }).go({ pages: "all" });
  const lotNos = new Set([...balances.map((b) => b.lotNo), ...lots.map((l) => l.lotNo)]);
  const sums = new Map<string, number>();
  for (const lotNo of lotNos) {
    const { data } = await Db.entities.ledgerLine.query
      .byLot({ tenantId, materialId, lotNo })
      .go({ pages: "all", consistent: true });
    for (const line of data) sums.set(placeOf(line), (sums.get(placeOf(line)) ?? 0) + line.quantity);
  }
  return sums;
}

function sameMoves(before: BalanceItem[], after: BalanceItem[]): boolean {
  const seqs = new Map(before.map((b) => [placeOf(b), b.seq]));
  return after.length === before.length && after.every((b) => seqs.get(placeOf(b)) === b.seq);
}

function compare(materialId: string, balances: BalanceItem[], ledger: Map<string, number>): Mismatch[] {
  const onHand = new Map(balances.map((b) => [placeOf(b), b.onHand ?? 0]));
  const mismatches: Mismatch[] = [];
  for (const key of new Set([...onHand.keys(), ...ledger.keys()])) {
    const [have, sum] = [onHand.get(key) ?? 0, ledger.get(key) ?? 0];
    if (have === sum) continue;
    const [lotNo = "", serialNo = "", locationId = ""] = key.split(SEPARATOR);
    mismatches.push({ materialId, lotNo, serialNo, locationId, onHand: have, ledger: sum });
  }
  return mismatches;
}
