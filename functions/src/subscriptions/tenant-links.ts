import { type BusEvent, TenantLinkEvents, TenantLinkMirror } from "@medloop/shared";
import { logger } from "../lib/logger.ts";
import { useTenantScopedCredentials } from "../lib/tenant-credentials.ts";

// The mirror writes as the partner: in AWS under credentials confined to the partner's keys.
useTenantScopedCredentials();

const { LinkInvited, LinkAccepted, LinkRefused, LinkRevoked } = TenantLinkEvents;

/**
 * A change one side of a link committed → the partner's side of it (tenant-link/mirror.ts). A
 * failure throws, so the bus retries and finally dead-letters the event; a retry or a stale event
 * changes nothing, because the mirror applies only to the round and status it was sent for.
 */
export async function handler(event: BusEvent<unknown>) {
  const type = event["detail-type"];
  const outcome =
    type === LinkInvited.detailType
      ? await TenantLinkMirror.invited(LinkInvited.detailSchema.parse(event.detail))
      : type === LinkAccepted.detailType
        ? await TenantLinkMirror.answered(LinkAccepted.detailSchema.parse(event.detail), "accepted")
        : type === LinkRefused.detailType
          ? await TenantLinkMirror.answered(LinkRefused.detailSchema.parse(event.detail), "refused")
          : type === LinkRevoked.detailType
            ? await TenantLinkMirror.answered(LinkRevoked.detailSchema.parse(event.detail), "revoked")
            : undefined;
  if (!outcome) throw new Error(`tenant-links does not handle ${type}`);
  logger.info("tenant link mirrored", { type, outcome });
  return { outcome };
}
