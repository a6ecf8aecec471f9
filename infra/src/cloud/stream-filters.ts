import type { StreamConsumerDeclaration } from "@medloop/functions/declaration/index";
import { entities } from "@medloop/shared/db/service";

/** ElectroDB writes the entity name of every item into this attribute. */
const ENTITY_ATTRIBUTE = "__edb_e__";

const OUTBOX = entities.outbox.schema.model.entity;
/** Plumbing items that are not domain changes: they never reach the audit trail or change consumers. */
const PLUMBING = [OUTBOX, entities.idempotency.schema.model.entity];

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
