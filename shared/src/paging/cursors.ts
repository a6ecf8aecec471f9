import { hashRequest } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { validation } from "../errors/index.ts";
import { nowMs } from "../ports/clock.ts";
import { secretToken } from "../ports/ids.ts";
import { useTenantId } from "../tenant/context.ts";

/**
 * Opaque page cursors (see entity.ts). A list that pages hands out `pageCursor(query, position)`
 * and resumes from `resumeAt(query, cursor)`; `query` is what was asked (everything but the cursor),
 * so a cursor replayed with another query, by another tenant, after it lapsed, or made up, is a
 * typed 400 rather than a page of something else or a 500.
 */
const LIFETIME_MS = 24 * 3_600_000;
const SHAPE = /^[\w-]{24}$/;

const refused = () =>
  validation(
    "invalid-cursor",
    "This cursor is unknown, has expired or belongs to another query; ask for the first page again",
    [{ path: "query.cursor", message: "not a cursor this query handed out" }],
  );

/** The cursor for the next page, or null at the end. */
export async function pageCursor(query: unknown, position: string | null): Promise<string | null> {
  if (!position) return null;
  const cursorId = secretToken();
  await Db.entities.pageCursor
    .create({
      tenantId: useTenantId(),
      cursorId,
      queryHash: hashRequest(query),
      position,
      expiresAt: Math.floor((nowMs() + LIFETIME_MS) / 1000),
    })
    .go();
  return cursorId;
}

/** Where to resume: the stored position of `cursor`, or null for the first page. */
export async function resumeAt(query: unknown, cursor: string | undefined): Promise<string | null> {
  if (cursor === undefined) return null;
  if (!SHAPE.test(cursor)) throw refused();
  const { data } = await Db.entities.pageCursor.get({ tenantId: useTenantId(), cursorId: cursor }).go();
  if (!data || data.queryHash !== hashRequest(query) || data.expiresAt * 1000 <= nowMs()) throw refused();
  return data.position;
}
