import { Db } from "../db/service.ts";
import { useTenantId } from "../tenant/context.ts";
import type { GatewayLink } from "./ports.ts";

/**
 * The per-gateway ledger of received sequence numbers (EDGE-3). Every accepted, rejected or lost
 * sequence number is accounted for; whatever is neither is a gap, and a gap that outlives
 * GAP_GRACE_MS makes the cloud ask the gateway to replay from its start.
 */

/** Deliveries run concurrently: a gap younger than this is usually a message still being handled. */
export const GAP_GRACE_MS = 3_000;
/** How long to wait for a requested replay before asking again; doubles with every unanswered request. */
export const REPLAY_RETRY_MS = 30_000;
/** The longest wait between two requests for the same gap. */
export const REPLAY_RETRY_MAX_MS = 30 * 60_000;

export interface LostRange {
  from: number;
  to: number;
  reason: string;
}

export interface LedgerView {
  contiguousTo: number;
  above: number[];
  lost: LostRange[];
}

/** The contiguous run from `contiguousTo` on, through arrivals and ranges the gateway said are gone. */
export function contiguousEnd({ contiguousTo, above, lost }: LedgerView): number {
  const arrived = new Set(above);
  let c = contiguousTo;
  for (;;) {
    if (arrived.has(c + 1)) {
      c++;
      continue;
    }
    const covering = lost.find((r) => r.from <= c + 1 && r.to >= c + 1);
    if (!covering) return c;
    c = covering.to;
  }
}

/** The first missing range, if any: from contiguousTo + 1 to just before the next thing held. */
export function firstGap(view: LedgerView): { from: number; to: number } | undefined {
  const end = contiguousEnd(view);
  const next = Math.min(
    ...view.above.filter((s) => s > end),
    ...view.lost.filter((r) => r.from > end).map((r) => r.from),
  );
  return Number.isFinite(next) ? { from: end + 1, to: next - 1 } : undefined;
}

/**
 * When a gap may next be asked about: after its grace period, and REPLAY_RETRY_MS after the last
 * request, doubling (capped) with every request already made for this gap. A request is answered
 * by the replayed data or by the gateway declaring the range lost; either closes the gap, and a
 * new gap starts the back-off over.
 */
export function nextReplayAt(l: {
  gapSeenAt: number;
  replayRequestedAt?: number | undefined;
  replayAttempts?: number | undefined;
}): number {
  const afterGrace = l.gapSeenAt + GAP_GRACE_MS;
  if (l.replayRequestedAt === undefined) return afterGrace;
  const backoff = Math.min(REPLAY_RETRY_MS * 2 ** (l.replayAttempts ?? 0), REPLAY_RETRY_MAX_MS);
  return Math.max(afterGrace, l.replayRequestedAt + backoff);
}

const key = (thingName: string) => ({ tenantId: useTenantId(), thingName });

async function read(thingName: string) {
  const { data } = await Db.entities.ledger.get(key(thingName)).go({ consistent: true });
  return data;
}

const viewOf = (l: NonNullable<Awaited<ReturnType<typeof read>>>): LedgerView => ({
  contiguousTo: l.contiguousTo ?? 0,
  above: [...(l.above ?? [])],
  lost: l.lost ?? [],
});

/** Was this sequence number already accounted for? (A receipt check covers the recent ones.) */
export async function isCovered(thingName: string, seq: number): Promise<boolean> {
  const l = await read(thingName);
  return l !== null && seq <= (l.contiguousTo ?? 0);
}

/** Records an arrival: an atomic set ADD, so concurrent deliveries of one gateway never conflict. */
export async function record(thingName: string, seq: number): Promise<void> {
  await Db.entities.ledger
    .update(key(thingName))
    .add({ above: [seq], received: 1 })
    .go();
  await compact(thingName);
}

export async function countDuplicate(thingName: string): Promise<void> {
  await Db.entities.ledger.update(key(thingName)).add({ duplicates: 1 }).go();
}

/** The gateway says these are gone for good (buffer full, or older than its replay retention). */
export async function recordLost(thingName: string, range: LostRange): Promise<void> {
  await Db.entities.ledger
    .update(key(thingName))
    .append({ lost: [range] })
    .go();
  await compact(thingName);
}

/**
 * Folds the contiguous run into `contiguousTo` and drops the folded numbers from the set. Guarded
 * by the old `contiguousTo`: of two concurrent compactions one wins, the other's work is already done.
 */
async function compact(thingName: string): Promise<void> {
  const l = await read(thingName);
  if (!l) return;
  const view = viewOf(l);
  const end = contiguousEnd(view);
  if (end === view.contiguousTo) return;
  const folded = view.above.filter((s) => s <= end);
  const update = Db.entities.ledger.update(key(thingName)).set({ contiguousTo: end });
  const withDelete = folded.length ? update.delete({ above: folded }) : update;
  await withDelete
    .where((a, op) =>
      l.contiguousTo === undefined ? op.notExists(a.contiguousTo) : op.eq(a.contiguousTo, view.contiguousTo),
    )
    .go()
    .catch((e: unknown) => {
      if (!isConditionFailure(e)) throw e;
    });
}

/**
 * Asks the gateway to replay a gap that has lasted GAP_GRACE_MS, then again with a back-off (nextReplayAt).
 * The first sighting of a gap is written down; only a later look asks, so a gap that closes by
 * itself (a concurrent delivery) costs nothing. Returns the replay's start when one was requested.
 */
export async function requestReplayIfGap(
  thingName: string,
  now: number,
  link: GatewayLink,
): Promise<number | undefined> {
  const l = await read(thingName);
  if (!l) return undefined;
  const gap = firstGap(viewOf(l));
  if (!gap) return undefined;
  if (l.gapFrom !== gap.from) {
    await Db.entities.ledger.update(key(thingName)).set({ gapFrom: gap.from, gapSeenAt: now, replayAttempts: 0 }).go();
    return undefined;
  }
  const due = nextReplayAt({
    gapSeenAt: l.gapSeenAt ?? now,
    replayRequestedAt: l.replayRequestedAt,
    replayAttempts: l.replayAttempts,
  });
  if (now < due) return undefined;
  // Only one of several concurrent deliveries sends the request.
  const claimed = await Db.entities.ledger
    .update(key(thingName))
    .set({ replayRequestedAt: now })
    .add({ replayRequests: 1, replayAttempts: 1 })
    .where((a, op) =>
      l.replayRequestedAt === undefined
        ? op.notExists(a.replayRequestedAt)
        : op.eq(a.replayRequestedAt, l.replayRequestedAt),
    )
    .go()
    .then(
      () => true,
      (e: unknown) => {
        if (isConditionFailure(e)) return false;
        throw e;
      },
    );
  if (!claimed) return undefined;
  await link.publish({ tenantId: useTenantId(), thingName }, "replay-request", { schema: 1, fromSeq: gap.from });
  return gap.from;
}

export interface LedgerSummary {
  contiguousTo: number;
  received: number;
  duplicates: number;
  /** Sequence numbers held beyond the first gap. */
  pendingAbove: number;
  gap?: { from: number; to: number };
  lost: LostRange[];
  replayRequests: number;
}

export async function summary(thingName: string): Promise<LedgerSummary> {
  const l = await read(thingName);
  if (!l) return { contiguousTo: 0, received: 0, duplicates: 0, pendingAbove: 0, lost: [], replayRequests: 0 };
  const view = viewOf(l);
  const gap = firstGap(view);
  return {
    contiguousTo: contiguousEnd(view),
    received: l.received ?? 0,
    duplicates: l.duplicates ?? 0,
    pendingAbove: view.above.filter((s) => s > contiguousEnd(view)).length,
    ...(gap ? { gap } : {}),
    lost: view.lost,
    replayRequests: l.replayRequests ?? 0,
  };
}

export const isConditionFailure = (e: unknown) =>
  /conditional request failed|ConditionalCheckFailed/i.test(String((e as Error)?.message ?? e));
