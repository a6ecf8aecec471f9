import { Audit, EarlyWarning, withActor } from "@medloop/shared";
import { logger } from "../lib/logger.ts";

/**
 * Every few minutes, for each tenant: time-based rules (expiry horizons, silent devices) checked,
 * and alerts past their deadline escalated (early-warning/warning.ts `sweep`). Tenants are those
 * with an audit chain, i.e. every tenant that ever changed a record (a rule included). One
 * tenant's failure does not stop the others; the run still fails so it is retried and seen.
 */
export async function handler(): Promise<{ fired: number; escalated: number }> {
  const total = { fired: 0, escalated: 0 };
  const failed: string[] = [];
  for (const tenantId of await Audit.auditedTenants()) {
    try {
      const done = await withActor({ type: "system", tenantId, name: "early-warning" }, () =>
        EarlyWarning.Warning.sweep(),
      );
      total.fired += done.fired;
      total.escalated += done.escalated;
    } catch (error) {
      logger.error("early-warning sweep failed", { tenantId, error: error as Error });
      failed.push(tenantId);
    }
  }
  if (failed.length) throw new Error(`Early-warning sweep failed for ${failed.join(", ")}`);
  return total;
}
