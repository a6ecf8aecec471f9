import { nowIso } from "../ports/clock.ts";
import { changeToken } from "../ports/ids.ts";
import { actorId, maybeScope } from "../tenant/context.ts";

/**
 * Attributes every entity carries so that the stream-fed audit trail can say who changed a
 * record, when and why without a second write. They are set from the ambient request scope.
 */
export const changeAttributes = {
  tenantId: { type: "string", required: true, readOnly: true },
  changedBy: {
    type: "string",
    watch: "*",
    set: () => {
      const scope = maybeScope();
      return scope ? actorId(scope.actor) : undefined;
    },
  },
  changedAt: { type: "string", watch: "*", set: () => nowIso() },
  // Empty rather than undefined: an update whose setter returns undefined would keep the previous
  // change's reason, and the audit trail would then show it against this change.
  changeReason: { type: "string", watch: "*", set: () => maybeScope()?.reason ?? "" },
  correlationId: { type: "string", watch: "*", set: () => maybeScope()?.correlationId ?? "" },
  // New on every write through the entities, in the same item write as the change itself. A write
  // that bypasses them (a raw UpdateItem) leaves the previous token in place, so the audit can tell
  // it from a committed change and does not credit it to whoever made the last one.
  changeId: { type: "string", watch: "*", set: () => changeToken() },
} as const;
