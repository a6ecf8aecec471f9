import { Audit, Complaints, withActor } from "@medloop/shared";
import { logger } from "../lib/logger.ts";

/**
 * Every quarter hour, for each tenant: complaint reporting clocks that entered their warning
 * horizon or ran out raise their alert (complaints/clock-alerts.ts); the early-warning dispatch
 * makes the task and the notification. Clocks run for days, so a quarter hour is early enough.
 * Tenants are those with an audit chain (every tenant that ever changed a record, a received case
 * included). One tenant's failure does not stop the others; the run still fails so it is retried.
 */
export async function handler(): Promise<{ raised: number }> {
  let raised = 0;
  const failed: string[] = [];
  for (const tenantId of await Audit.auditedTenants()) {
    try {
      raised += await withActor({ type: "system", tenantId, name: "complaint-clocks" }, () =>
        Complaints.ClockAlerts.sweep(),
      );
    } catch (error) {
      logger.error("complaint clock sweep failed", { tenantId, error: error as Error });
      failed.push(tenantId);
    }
  }
  if (failed.length) throw new Error(`Complaint clock sweep failed for ${failed.join(", ")}`);
  return { raised };
}
