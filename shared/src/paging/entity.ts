import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";
import { TTL_ATTRIBUTE } from "../db/table.ts";

/**
 * Where a page of a query stopped, kept server-side under an unguessable id: the client holds only
 * the id, so a cursor shows nothing of the key scheme, cannot be forged or edited, and — stored in
 * the tenant's partition, with a hash of the query that made it — is found only by the tenant and the
 * query it belongs to. DynamoDB's TTL removes it a day later.
 */
export const PageCursorEntity = defineEntity({
  model: { entity: "pageCursor", version: "1", service: "medloop" },
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    cursorId: { type: "string", required: true, readOnly: true },
    queryHash: { type: "string", required: true, readOnly: true },
    /** The store's own position (ElectroDB's cursor): never leaves the server. */
    position: { type: "string", required: true, readOnly: true },
    [TTL_ATTRIBUTE]: { type: "number", required: true, readOnly: true },
  },
  indexes: {
    byId: {
      pk: {
        field: "pk",
        composite: ["tenantId", "cursorId"],
        template: tenantKey("cursor#${cursorId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "cursor", casing: "none" },
    },
  },
});
