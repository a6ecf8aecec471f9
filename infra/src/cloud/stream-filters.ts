import type { StreamConsumerDeclaration } from "@medloop/functions/declaration/index";
import { NOT_AUDITED_ENTITIES } from "@medloop/shared/audit/change";
import { ENTITY_ATTRIBUTE } from "@medloop/shared/db/keys";
import { entities } from "@medloop/shared/db/service";

const OUTBOX = entities.outbox.schema.model.entity;
/**
 * Items that are not domain records (outbox, idempotency answers, the audit trail's own items): the
 * same list the audit consumer skips, so they never even invoke a change consumer — and the audit
 * trail's writes cannot feed back into it.
 */
const PLUMBING = [...NOT_AUDITED_ENTITIES];

/**
 * Stream record filters (Lambda event-source-mapping and EventBridge Pipes share the syntax).
 * `outbox`: items a transaction inserted into the outbox. `changes`: every insert, modify or
 * remove of a domain item — removes only carry the old image, hence the second pattern.
 */
export function streamFilterPatterns(filter: StreamConsumerDeclaration["filter"]): Record<string, unknown>[] {
  if (filter === "outbox") {
    return [{ eventName: ["INSERT"], dynamodb: { NewImage: { [ENTITY_ATTRIBUTE]: { S: [OUTBOX] } } } }];
  }
  return [
    { dynamodb: { NewImage: { [ENTITY_ATTRIBUTE]: { S: [{ "anything-but": PLUMBING }] } } } },
    { eventName: ["REMOVE"], dynamodb: { OldImage: { [ENTITY_ATTRIBUTE]: { S: [{ "anything-but": PLUMBING }] } } } },
  ];
}
