import { type BusEvent, Recalls } from "@medloop/shared";
import { logger } from "../lib/logger.ts";
import { useTenantScopedCredentials } from "../lib/tenant-credentials.ts";

// Notices are written as each hospital: in AWS under credentials confined to that hospital's keys.
useTenantScopedCredentials();

const { CampaignOpened } = Recalls.Events;

/**
 * An opened recall campaign → a notice in each linked hospital's own tenant, listing only its
 * devices. A failure throws, so the bus retries and finally dead-letters the event; a retry or a
 * duplicate changes nothing, because a notice is created only where none is.
 */
export async function handler(event: BusEvent<unknown>) {
  const detail = CampaignOpened.detailSchema.parse(event.detail);
  const outcome = await Recalls.Notices.issue(detail);
  logger.info("recall notices issued", { campaignId: detail.data.campaignId, outcome });
  return { outcome };
}
