import { type BusEvent, EarlyWarning, withActor } from "@medloop/shared";
import { logger } from "../lib/logger.ts";
import { useTenantScopedCredentials } from "../lib/tenant-credentials.ts";

// Evaluates as the event's tenant: in AWS under credentials confined to that tenant's keys.
useTenantScopedCredentials();

/**
 * The warning handler (EW-1, EW-2): an inspection, a receipt's verdict, a stock level, a gateway
 * alert or a sign of life → its observations through the tenant's enabled rules (early-warning/
 * warning.ts). A failure throws, so the bus retries and finally dead-letters the event; a retry or a
 * replay changes nothing the first delivery already did.
 */
export async function handler(event: BusEvent<unknown>) {
  const { tenantId, observations, lotMaterialId } = EarlyWarning.decode(event);
  const fired = await withActor({ type: "system", tenantId, name: "early-warning" }, () =>
    EarlyWarning.Warning.observe(observations, lotMaterialId),
  );
  if (fired) logger.info("early-warning rules fired", { tenantId, type: event["detail-type"], fired });
  return { fired };
}
