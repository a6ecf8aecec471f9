import { Audit, Reconciliation, Telemetry, withActor } from "@medloop/shared";
import { logger } from "../lib/logger.ts";

/**
 * Hourly: compares each tenant's stock balances with the sums of their ledger lines and raises an
 * integrity alert for every place where they differ: stock that changed without a move (a direct
 * table edit that the audit may also have flagged, or a lost ledger line).
 */
export async function handler(): Promise<{ tenants: number; mismatches: number }> {
  // Every tenant that ever changed anything has an audit chain: the registry is the tenant list, without a scan.
  const tenants = await Audit.auditedTenants();
  let mismatches = 0;
  const failed: string[] = [];
  for (const tenantId of tenants) {
    try {
      await withActor({ type: "system", tenantId, name: "inventory-reconcile" }, async () => {
        const result = await Reconciliation.reconcile();
        for (const m of result.mismatches) {
          mismatches++;
          await Telemetry.raiseIntegrityAlert({
            rule: "inventory-ledger-mismatch",
            subject: `${m.materialId}:${m.lotNo}:${m.serialNo}:${m.locationId}`,
            message: `Stock of ${m.materialId} lot ${m.lotNo} at ${m.locationId} is ${m.onHand} but its ledger adds up to ${m.ledger}`,
          });
        }
      });
    } catch (error) {
      logger.error("inventory reconciliation failed", { tenantId, error: error as Error });
      failed.push(tenantId);
    }
  }
  if (failed.length) throw new Error(`Inventory not reconciled for ${failed.join(", ")}`);
  return { tenants: tenants.length, mismatches };
}
