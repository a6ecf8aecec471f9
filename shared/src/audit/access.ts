import { Db } from "../db/service.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { useTenantId } from "../tenant/context.ts";

/** Record that the ambient actor accessed a sensitive record; the audit trail chains it. */
export async function recordAccess(input: { route: string; target: string; status: number }): Promise<void> {
  const at = nowIso();
  await Db.entities.access
    .create({ tenantId: useTenantId(), day: at.slice(0, 10), accessId: uuid(), at, ...input })
    .go();
}
