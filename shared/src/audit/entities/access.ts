import { changeAttributes } from "../../db/attributes.ts";
import { defineEntity } from "../../db/entity.ts";
import { tenantKey } from "../../db/keys.ts";

/**
 * One access to a sensitive record (SEC-6): who called which route on which ids, and what they
 * were told. Written as an ordinary item so that the stream-fed audit trail chains it like any
 * change. Time-bucketed by day: accesses are high volume and never read by key.
 */
export const AccessEntity = defineEntity({
  model: { entity: "access", version: "1", service: "medloop" },
  attributes: {
    ...changeAttributes,
    day: { type: "string", required: true, readOnly: true },
    accessId: { type: "string", required: true, readOnly: true },
    route: { type: "string", required: true, readOnly: true },
    target: { type: "string", required: true, readOnly: true },
    status: { type: "number", required: true, readOnly: true },
    at: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    // Accesses of one day, in time order
    byDay: {
      pk: { field: "pk", composite: ["tenantId", "day"], template: tenantKey("access#${day}"), casing: "none" },
      sk: { field: "sk", composite: ["at", "accessId"], template: "${at}#${accessId}", casing: "none" },
    },
  },
});
