import { type BusEvent, Complaints } from "@medloop/shared";
import { logger } from "../lib/logger.ts";
import { useTenantScopedCredentials } from "../lib/tenant-credentials.ts";

// The forwarder writes as the manufacturer: in AWS under credentials confined to its keys.
useTenantScopedCredentials();

const { Reported } = Complaints.Events;

/**
 * A hospital's reported complaint → the manufacturer's case (complaints/forward.ts). A failure
 * throws, so the bus retries and finally dead-letters the event; a retry or a replay changes
 * nothing, because the case is only created where none exists.
 */
export async function handler(event: BusEvent<unknown>) {
  if (event["detail-type"] !== Reported.detailType)
    throw new Error(`complaints does not handle ${event["detail-type"]}`);
  const detail = Reported.detailSchema.parse(event.detail);
  const outcome = await Complaints.Forward.receive(detail);
  logger.info("complaint forwarded", {
    complaintId: detail.data.complaintId,
    hospitalTenantId: detail.tenantId,
    manufacturerTenantId: detail.data.manufacturerTenantId,
    outcome,
  });
  return { outcome };
}
