import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";
import { TTL_ATTRIBUTE } from "../db/table.ts";

/**
 * An event waiting to leave. It is written in the same transaction as the change it reports;
 * the table's stream carries it to the bus (EventBridge Pipes in AWS, the stream poller locally),
 * so a committed change always produces its event and an uncommitted one never does.
 */
export const OutboxEntity = defineEntity({
  model: { entity: "outbox", version: "1", service: "medloop" },
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    eventId: { type: "string", required: true, readOnly: true },
    source: { type: "string", required: true },
    detailType: { type: "string", required: true },
    detail: { type: "string", required: true },
    [TTL_ATTRIBUTE]: { type: "number", required: true },
  },
  indexes: {
    byId: {
      pk: {
        field: "pk",
        composite: ["tenantId", "eventId"],
        template: tenantKey("outbox#${eventId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "outbox", casing: "none" },
    },
  },
});
