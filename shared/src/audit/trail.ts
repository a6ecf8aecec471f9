import { setTimeout as sleep } from "node:timers/promises";
import { createConversions } from "electrodb";
import { Db } from "../db/service.ts";
import { conflict, notFound, unprocessable } from "../errors/index.ts";
import { pageCursor, resumeAt } from "../paging/cursors.ts";
import { now, nowIso } from "../ports/clock.ts";
import { useTenantId, withActor } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { canonicalJson, GENESIS, hashRecord } from "./chain.ts";
import { AuditRecordEntity, bucketOf } from "./entities/record.ts";
import { PLATFORM_TENANT } from "./entities/registry.ts";
import {
  Anchor,
  type AnchorCheck,
  type Change,
  Entry,
  type Head,
  HistoryInput,
  type HistoryPage,
  type Problem,
  type VerifyResult,
} from "./schema.ts";

// Two items per change (the record and its "applied" marker) plus the head: DynamoDB's 100-item transaction limit.
const MAX_CHANGES_PER_TRANSACTION = 49;
// Under the 4 MB transaction limit, with room for keys and attribute names.
const MAX_TRANSACTION_BYTES = 3_000_000;
const MAX_ATTEMPTS = 60;
/**
 * Anchor after this many records at the latest (and on a timer): the tail that only the table
 * vouches for stays short. `ANCHOR_RECENT` hashes go into each anchor, twice the records between
 * two count-triggered anchors, so a rewritten tail is pinned to the first record it changed.
 */
export const ANCHOR_EVERY = 50;
const ANCHOR_RECENT = 2 * ANCHOR_EVERY;
// A redelivery can only come while the stream still holds the record (24 hours).
const APPLIED_TTL_SECONDS = 2 * 24 * 3600;

/**
 * Thrown when an append stops part-way: the first `applied` changes are in the chain (or were
 * already), the rest are not, so a caller can retry exactly the rest, in order.
 */
export class AppendFailed extends Error {
  constructor(
    readonly applied: number,
    cause: unknown,
  ) {
    super(`Audit append stopped after ${applied} change(s): ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = "AppendFailed";
  }
}

const platform = <T>(fn: () => Promise<T>) =>
  withActor({ type: "system", tenantId: PLATFORM_TENANT, name: "audit" }, fn);

async function readHead(): Promise<Head | undefined> {
  const { data } = await Db.entities.auditHead.get({ tenantId: useTenantId() }).go({ consistent: true });
  return data ? { seq: data.seq, hash: data.hash } : undefined;
}

/**
 * Append the ambient tenant's changes to its chain, in the given order. Each change is chained
 * after the current head; the records, their "applied" markers and the moved head are written in
 * one transaction conditioned on the head not having moved, so concurrent appenders serialise
 * instead of forking the chain. A change whose stream record was appended before is skipped.
 */
export async function appendChanges(changes: readonly Change[]): Promise<{ appended: number; duplicates: number }> {
  const tenantId = useTenantId();
  const foreign = changes.find((c) => c.tenantId !== tenantId);
  if (foreign) {
    throw unprocessable(
      "audit-foreign-tenant",
      `A change of tenant ${foreign.tenantId} cannot join ${tenantId}'s chain`,
    );
  }
  let head = await readHead();
  // Registered before the first head exists, so a chain the anchor export cannot find never exists.
  if (!head) {
    await platform(() => Db.entities.auditTenant.put({ tenantId: PLATFORM_TENANT, auditedTenantId: tenantId }).go());
  }

  let done = 0;
  let appended = 0;
  let duplicates = 0;
  const run = async (batch: Change[]) => {
    const r = await appendBatch(batch, head);
    head = r.head;
    appended += r.appended;
    duplicates += r.duplicates;
    done += batch.length;
  };
  for (const batch of batches(changes)) {
    try {
      await run(batch);
    } catch (error) {
      if (batch.length === 1) throw new AppendFailed(done, error);
      // One at a time, so everything before the change that fails still gets in.
      for (const change of batch) {
        try {
          await run([change]);
        } catch (e) {
          throw new AppendFailed(done, e);
        }
      }
    }
  }
  return { appended, duplicates };
}

function batches(changes: readonly Change[]): Change[][] {
  const out: Change[][] = [];
  let current: Change[] = [];
  let bytes = 0;
  for (const change of changes) {
    const size = Buffer.byteLength(canonicalJson(change));
    if (current.length && (current.length >= MAX_CHANGES_PER_TRANSACTION || bytes + size > MAX_TRANSACTION_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(change);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

async function appendBatch(batch: Change[], knownHead: Head | undefined) {
  const tenantId = useTenantId();
  // The same stream record twice in one batch would be two writes of one item, which a transaction refuses.
  let pending = batch.filter((c, i) => batch.findIndex((d) => d.eventId === c.eventId) === i);
  let duplicates = batch.length - pending.length;
  let head = knownHead;
  for (let attempt = 1; ; attempt++) {
    if (!pending.length) return { head, appended: 0, duplicates };
    const entries = chain(head, pending);
    const last = entries[entries.length - 1]!;
    const at = now();
    const expiresAt = Math.floor(at.getTime() / 1000) + APPLIED_TTL_SECONDS;
    const from = head;
    const result = await Db.transaction
      .write(({ auditRecord, auditApplied, auditHead }) => [
        ...entries.flatMap((e) => [
          auditApplied.create({ tenantId, eventId: e.eventId, seq: e.seq, expiresAt }).commit(),
          auditRecord.create({ ...e, bucket: bucketOf(e.seq), changes: canonicalJson(e.changes) }).commit(),
        ]),
        from
          ? auditHead
              .patch({ tenantId })
              .set({ seq: last.seq, hash: last.hash, updatedAt: at.toISOString() })
              .where((a, op) => op.eq(a.seq, from.seq))
              .commit()
          : auditHead.create({ tenantId, seq: last.seq, hash: last.hash, updatedAt: at.toISOString() }).commit(),
      ])
      .go();
    if (!result.canceled) return { head: { seq: last.seq, hash: last.hash }, appended: entries.length, duplicates };

    const reasons = result.data as { code: string }[];
    const applied = new Set(pending.filter((_, i) => reasons[2 * i]?.code === "ConditionalCheckFailed"));
    // The head or a record's slot taken means another appender got there first: re-read the head.
    const headIndex = reasons.length - 1;
    const moved = reasons.some(
      (r, i) =>
        r.code === "TransactionConflict" || (r.code === "ConditionalCheckFailed" && (i === headIndex || i % 2 === 1)),
    );
    const other = reasons.filter((r) => !["None", "ConditionalCheckFailed", "TransactionConflict"].includes(r.code));
    if (other.length) throw new Error(`Audit append rejected: ${other.map((r) => r.code).join(", ")}`);
    if (attempt >= MAX_ATTEMPTS) {
      throw conflict(
        "audit-append-contended",
        `The audit chain of ${tenantId} stayed contended for ${attempt} attempts`,
      );
    }
    pending = pending.filter((c) => !applied.has(c));
    duplicates += applied.size;
    if (moved) {
      head = await readHead();
      await sleep(Math.random() * Math.min(100, 5 * attempt));
    }
  }
}

function chain(head: Head | undefined, changes: Change[]): Entry[] {
  let prev = head ?? { seq: 0, hash: GENESIS };
  return changes.map((change) => {
    const entry = { ...change, seq: prev.seq + 1, prevHash: prev.hash };
    const linked = { ...entry, hash: hashRecord(entry) };
    prev = linked;
    return linked;
  });
}

/** The seq of the ambient tenant's last record; 0 before the first. */
export async function headSeq(): Promise<number> {
  return (await readHead())?.seq ?? 0;
}

/**
 * Changes of one record, oldest first, a page at a time. A record with no history is not found,
 * which is also what another tenant's record looks like: the answer does not reveal existence.
 */
export const history = fn(HistoryInput, async ({ entityKey, cursor, limit }): Promise<HistoryPage> => {
  const query = { history: entityKey, limit };
  const page = await Db.entities.auditRecord.query
    .history({ tenantId: useTenantId(), entityKey })
    .go({ cursor: await resumeAt(query, cursor), limit });
  if (!cursor && !page.data.length) throw notFound("audit-history-not-found", "This record has no audit history");
  return { items: page.data.map((item) => toEntry(item)), cursor: await pageCursor(query, page.cursor) };
});

function toEntry(item: Record<string, unknown>): Entry {
  const entry = readStored(item);
  if (!entry) throw new Error(`Audit record ${String(item.seq)} of ${String(item.tenantId)} is unreadable`);
  return entry;
}

/** A stored record read back for checking; undefined when it was tampered into something that is not a record. */
function readStored(item: Record<string, unknown>): Entry | undefined {
  try {
    const parsed = Entry.safeParse({ ...item, changes: JSON.parse(String(item.changes)) });
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What is stored at a position of the chain; `entry` is undefined when the item no longer reads as a record. */
interface Slot {
  entry: Entry | undefined;
}

/** The chain by position, read a bucket at a time with one query each (the chain is never scanned). */
function chainReader(tenantId: string) {
  const conversions = createConversions(AuditRecordEntity).byAccessPattern.chain.fromKeys;
  const buckets = new Map<number, Promise<Map<number, Slot>>>();
  const load = async (bucket: number) => {
    const { data } = await Db.entities.auditRecord.query
      .chain({ tenantId, bucket })
      .go({ pages: "all", consistent: true, data: "includeKeys" });
    const slots = new Map<number, Slot>();
    for (const item of data as Record<string, unknown>[]) {
      const keys = conversions.toComposite({ pk: String(item.pk), sk: String(item.sk) });
      const position = Number(keys.seq);
      slots.set(position, { entry: readStored(item) });
    }
    return slots;
  };
  return {
    async at(seq: number): Promise<Slot | undefined> {
      const bucket = bucketOf(seq);
      let slots = buckets.get(bucket);
      if (!slots) {
        slots = load(bucket);
        buckets.set(bucket, slots);
        for (const b of buckets.keys()) if (b < bucket - 1) buckets.delete(b);
      }
      return (await slots).get(seq);
    },
  };
}

type ChainReader = ReturnType<typeof chainReader>;

type Finding = { brokenAt: number; problem: Problem; message: string };

/**
 * Walk the ambient tenant's chain from 1 to the head and report the first break: a position with
 * no record (missing), a record that belongs at another position or whose neighbour does
 * (reordered), content that no longer hashes to its stored hash or a rewritten predecessor
 * (edited), and a head that is not the last record's (head-mismatch). Linkage is checked before
 * content so that a swap is reported as the reordering it is.
 */
export async function verifyChain(anchor?: Anchor): Promise<VerifyResult> {
  const tenantId = useTenantId();
  const head = await readHead();
  const reader = chainReader(tenantId);
  const broken = (f: Finding): VerifyResult => ({ ok: false, count: Math.max(0, f.brokenAt - 1), ...f });
  const last = head?.seq ?? 0;
  const walked = await walk(reader, 1, GENESIS, last);
  if ("brokenAt" in walked) return broken(walked);
  const prev = walked.hash;
  // A record after the head is tampering only if the head still does not cover it now: appends
  // go on while a chain is verified, and each moves the head in the same transaction as its record.
  if ((await reader.at(last + 1)) && ((await readHead())?.seq ?? 0) <= last) {
    return broken({
      brokenAt: last + 1,
      problem: "head-mismatch",
      message: head
        ? `There are records after the head (seq ${last}): the head was moved back`
        : "There are records but no chain head: the head was deleted",
    });
  }
  if (head && head.hash !== prev) {
    return broken({ brokenAt: last, problem: "head-mismatch", message: `The head's hash is not record ${last}'s` });
  }
  if (!anchor) return { ok: true, count: last, head: head ?? null, anchored: null, unanchored: last };
  const finding = await checkAnchor(reader, anchor, last);
  if (finding) return broken(finding);
  return {
    ok: true,
    count: last,
    head: head ?? null,
    anchored: { seq: anchor.seq, at: anchor.at },
    unanchored: last - anchor.seq,
  };
}

/** Check records `from`..`to` in order, `from` linking to `prevHash`; the last one's hash, or the first break. */
async function walk(
  reader: ChainReader,
  from: number,
  prevHash: string,
  to: number,
): Promise<{ hash: string } | Finding> {
  let prev = prevHash;
  for (let seq = from; seq <= to; seq++) {
    const finding = await check(reader, seq, prev);
    if (finding) return finding;
    prev = (await reader.at(seq))!.entry!.hash;
  }
  return { hash: prev };
}

/**
 * The anchored part of an intact chain against the anchor: a chain that now ends before the
 * anchored seq was cut back (the first record gone is the break); a record whose hash is not the
 * anchored one was rewritten with every later hash recomputed (the first such record is the break,
 * as far as the anchor's recent hashes reach back; before that, the anchored seq says "at or before").
 */
async function checkAnchor(reader: ChainReader, anchor: Anchor, last: number): Promise<Finding | undefined> {
  if (anchor.tenantId !== useTenantId()) {
    throw unprocessable(
      "audit-anchor-of-other-tenant",
      `The anchor is of tenant ${anchor.tenantId}, not ${useTenantId()}`,
    );
  }
  if (last < anchor.seq) {
    return {
      brokenAt: last + 1,
      problem: "missing",
      message: `Records ${last + 1} to ${anchor.seq}, anchored on ${anchor.at}, are gone: the chain was cut back`,
    };
  }
  const recent = anchor.recent?.length ? anchor.recent : [anchor.hash];
  const first = anchor.seq - recent.length + 1;
  for (let i = 0; i < recent.length; i++) {
    const seq = first + i;
    if ((await reader.at(seq))?.entry?.hash === recent[i]) continue;
    const where = i === 0 ? `at or before record ${seq}` : `from record ${seq}`;
    return {
      brokenAt: seq,
      problem: "edited",
      message: `The chain was rewritten ${where}: it no longer has the hashes anchored on ${anchor.at}`,
    };
  }
  return undefined;
}

async function check(reader: ChainReader, seq: number, prev: string): Promise<Finding | undefined> {
  const slot = await reader.at(seq);
  if (!slot) return { brokenAt: seq, problem: "missing", message: `Record ${seq} is missing` };
  const entry = slot.entry;
  if (!entry)
    return { brokenAt: seq, problem: "edited", message: `Record ${seq} is no longer a readable audit record` };
  if (entry.seq !== seq) {
    return { brokenAt: seq, problem: "reordered", message: `Position ${seq} holds record ${entry.seq}` };
  }
  if (entry.prevHash !== prev) {
    const next = (await reader.at(seq + 1))?.entry;
    if (next?.prevHash === prev) {
      return {
        brokenAt: seq,
        problem: "reordered",
        message: `Record ${seq + 1} links to record ${seq - 1}: records ${seq} and ${seq + 1} were swapped`,
      };
    }
    if (seq > 1 && hashRecord(entry) === entry.hash) {
      return {
        brokenAt: seq - 1,
        problem: "edited",
        message: `Record ${seq - 1} was rewritten: record ${seq} still links to its original hash`,
      };
    }
    return { brokenAt: seq, problem: "edited", message: `Record ${seq}'s link to record ${seq - 1} was changed` };
  }
  if (hashRecord(entry) !== entry.hash) {
    return {
      brokenAt: seq,
      problem: "edited",
      message: `Record ${seq} was edited: its content no longer has its hash`,
    };
  }
  return undefined;
}

/**
 * The ambient tenant's head as an anchor to keep outside the table, with its recent hashes;
 * undefined before the first change. `previous`: the latest anchor taken before, if any.
 */
export async function currentAnchor(previous?: Anchor): Promise<Anchor | undefined> {
  const tenantId = useTenantId();
  const head = await readHead();
  if (!head) return undefined;
  const reader = chainReader(tenantId);
  // Only an intact chain is anchored: the part since the previous anchor is checked first, so an
  // anchor never vouches for a tail that was tampered with before it was taken.
  if (previous && previous.seq > head.seq) {
    throw conflict(
      "audit-chain-broken",
      `The audit chain of ${tenantId} is not anchored: it ends at ${head.seq}, before the anchored ${previous.seq}`,
    );
  }
  const walked = await walk(reader, (previous?.seq ?? 0) + 1, previous?.hash ?? GENESIS, head.seq);
  if ("brokenAt" in walked || walked.hash !== head.hash) {
    const message = "brokenAt" in walked ? walked.message : "The head's hash is not its record's";
    throw conflict("audit-chain-broken", `The audit chain of ${tenantId} is not anchored: ${message}`);
  }
  const recent: string[] = [];
  for (let seq = Math.max(1, head.seq - ANCHOR_RECENT + 1); seq <= head.seq; seq++) {
    recent.push((await reader.at(seq))!.entry!.hash);
  }
  return { tenantId, seq: head.seq, hash: head.hash, at: nowIso(), recent };
}

/**
 * Check the ambient tenant's chain against an anchor kept outside the table: the record at the
 * anchored seq must still be there with the anchored hash. A chain rewritten wholesale (every hash
 * recomputed, so `verifyChain` alone passes) fails here; run both for the full proof.
 */
export const verifyAgainstAnchor = fn(Anchor, async (anchor): Promise<AnchorCheck> => {
  const tenantId = useTenantId();
  if (anchor.tenantId !== tenantId) {
    throw unprocessable("audit-anchor-of-other-tenant", `The anchor is of tenant ${anchor.tenantId}, not ${tenantId}`);
  }
  const head = await readHead();
  const fail = (problem: Problem, message: string): AnchorCheck => ({
    ok: false,
    brokenAt: anchor.seq,
    problem,
    message,
  });
  if (!head || head.seq < anchor.seq) {
    return fail("head-mismatch", `The chain ends before seq ${anchor.seq}, which was anchored on ${anchor.at}`);
  }
  const entry = (await chainReader(tenantId).at(anchor.seq))?.entry;
  if (!entry) return fail("missing", `Record ${anchor.seq}, anchored on ${anchor.at}, is missing or unreadable`);
  if (entry.hash !== anchor.hash || hashRecord(entry) !== anchor.hash) {
    return fail(
      "edited",
      `Record ${anchor.seq} no longer has the hash anchored on ${anchor.at}: the chain was rewritten`,
    );
  }
  return { ok: true, seq: anchor.seq };
});

/** Every tenant with an audit chain (the platform registry; no scan). */
export async function auditedTenants(): Promise<string[]> {
  const { data } = await platform(() =>
    Db.entities.auditTenant.query.byPlatform({ tenantId: PLATFORM_TENANT }).go({ pages: "all" }),
  );
  return data.map((t) => t.auditedTenantId);
}
