import { Audit, DomainError, Telemetry, withActor } from "@medloop/shared";
import { anchorTenant } from "../lib/audit-anchors.ts";
import { logger } from "../lib/logger.ts";

/**
 * On a short timer (and on every local platform start and stop): anchors each tenant's audit chain
 * whose head moved since its last anchor, so records wait minutes, not a day, before the anchor
 * vouches for them. The stream consumer also anchors after `Audit.ANCHOR_EVERY` records.
 */
export async function handler(): Promise<{ anchored: number }> {
  let anchored = 0;
  const failed: string[] = [];
  // One tenant's failure does not cost the others their anchor; the run still fails so it is retried and seen.
  for (const tenantId of await Audit.auditedTenants()) {
    try {
      if (await anchorTenant(tenantId)) anchored++;
    } catch (error) {
      logger.error("audit anchor failed", { tenantId, error: error as Error });
      failed.push(tenantId);
      if (error instanceof DomainError && error.code === "audit-chain-broken") await alertBroken(tenantId, error);
    }
  }
  if (failed.length) throw new Error(`Audit anchors not written for ${failed.join(", ")}`);
  return { anchored };
}

/** A chain that no longer continues its last anchor was tampered with: someone has to look now, not at the next audit. */
const alertBroken = (tenantId: string, error: DomainError) =>
  withActor({ type: "system", tenantId, name: "audit-anchor" }, () =>
    Telemetry.raiseIntegrityAlert({ rule: "audit-chain-broken", subject: "audit-chain", message: error.message }),
  );
