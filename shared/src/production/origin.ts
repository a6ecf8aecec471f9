import type { LotOrigin } from "./schema.ts";

// origin: procurement contract — switch to `Receiving.originOf(materialId, lotNo)` at merge.
/**
 * The supplier origin of a received lot (supplier, supplier lot, PO, receipt, certificate in force
 * at receipt, incoming inspection), copied onto the issue line. Until the procurement module is on
 * this branch no lot has a recorded origin, as for stock received without a purchase order.
 */
export async function originOf(_materialId: string, _lotNo: string): Promise<LotOrigin | undefined> {
  return undefined;
}
