import { type BusEvent, InstalledBase, ShippingEvents, TenantLinkEvents } from "@medloop/shared";
import { logger } from "../lib/logger.ts";
import { useTenantScopedCredentials } from "../lib/tenant-credentials.ts";

// The projection writes as the hospital: in AWS under credentials confined to the hospital's keys.
useTenantScopedCredentials();

const schemas = {
  [ShippingEvents.ShipmentDispatched.detailType]: ShippingEvents.ShipmentDispatched.detailSchema,
  [ShippingEvents.ShipmentDelivered.detailType]: ShippingEvents.ShipmentDelivered.detailSchema,
};

/**
 * A dispatched or delivered shipment → the devices in the customer hospital's installed base; a
 * link the hospital accepted → what the manufacturer had sent it before. A failure throws, so the
 * bus retries and finally dead-letters the event; a retry (or a duplicate, or an event overtaken
 * by a later one) changes nothing, because each device only moves forward.
 */
export async function handler(event: BusEvent<unknown>) {
  if (event["detail-type"] === TenantLinkEvents.LinkAccepted.detailType) {
    const detail = TenantLinkEvents.LinkAccepted.detailSchema.parse(event.detail);
    const outcome = await InstalledBase.applyAcceptedLink(detail);
    logger.info("installed base shared on an accepted link", { manufacturer: detail.data.partnerTenantId, outcome });
    return { outcome };
  }
  const schema = schemas[event["detail-type"]];
  if (!schema) throw new Error(`installed-base does not handle ${event["detail-type"]}`);
  const detail = schema.parse(event.detail);
  const outcome = await InstalledBase.applyShipment(detail);
  logger.info("installed base projected", {
    shipmentId: detail.data.shipmentId,
    custodianTenantId: detail.data.custodianTenantId,
    outcome,
  });
  return { outcome };
}
