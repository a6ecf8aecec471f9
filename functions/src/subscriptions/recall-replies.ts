import { type BusEvent, Recalls } from "@medloop/shared";
import { logger } from "../lib/logger.ts";
import { useTenantScopedCredentials } from "../lib/tenant-credentials.ts";

// Replies are applied as the manufacturer: in AWS under credentials confined to its keys.
useTenantScopedCredentials();

const { NoticeAcknowledged, DeviceStateReported } = Recalls.Events;

/**
 * A hospital's acknowledgement or device report → the manufacturer's campaign. Only the sending
 * hospital's own recipient and devices move, forward only: a replay changes nothing. A lost race
 * throws, so the bus retries it on the state that won.
 */
export async function handler(event: BusEvent<unknown>) {
  if (event["detail-type"] === NoticeAcknowledged.detailType) {
    const detail = NoticeAcknowledged.detailSchema.parse(event.detail);
    const outcome = await Recalls.Campaigns.applyAcknowledgement(detail);
    logger.info("recall acknowledgement applied", { campaignId: detail.data.campaignId, outcome });
    return { outcome };
  }
  const detail = DeviceStateReported.detailSchema.parse(event.detail);
  const outcome = await Recalls.Campaigns.applyDeviceState(detail);
  logger.info("recall device state applied", { campaignId: detail.data.campaignId, outcome });
  return { outcome };
}
