import { z } from "zod";

export const Operation = z.enum(["create", "update", "delete"]);
export type Operation = z.infer<typeof Operation>;

/** One changed attribute. `before` is absent on a create, `after` on a delete. */
export const FieldChange = z.object({
  field: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type FieldChange = z.infer<typeof FieldChange>;

/** A committed change of one domain record, as read from the table's stream, before it is chained. */
export const Change = z.object({
  tenantId: z.string(),
  entityType: z.string(),
  /** Stable id of the changed record within its tenant: `user:<userId>`, `tenant`. */
  entityKey: z.string(),
  operation: Operation,
  actor: z.string(),
  at: z.string(),
  reason: z.string().optional(),
  correlationId: z.string().optional(),
  changes: z.array(FieldChange),
  /**
   * True when the item was written without a new change token, i.e. not through the domain's
   * commit path (a direct table edit): the actor is unknown and the who/why on the item were the
   * previous change's. Absent on every committed change, so older records hash as before.
   */
  unattributed: z.literal(true).optional(),
  /** The stream record it came from (eventID and sequence number). */
  eventId: z.string(),
  sequenceNumber: z.string(),
});
export type Change = z.infer<typeof Change>;

/** A link of the chain: the change, its place (seq, 1..n without gaps) and its hashes. */
export const Entry = Change.extend({
  seq: z.number().int().positive(),
  prevHash: z.string(),
  hash: z.string(),
});
export type Entry = z.infer<typeof Entry>;

export const Head = z.object({ seq: z.number().int().nonnegative(), hash: z.string() });
export type Head = z.infer<typeof Head>;

/** A chain head copied out of the table (to the Object Lock bucket), to check the chain against later. */
export const Anchor = z.object({
  tenantId: z.string(),
  seq: z.number().int().positive(),
  hash: z.string(),
  at: z.string(),
  /**
   * The hashes of the records up to `seq`, oldest first (the last one is `hash`): a rewrite of the
   * tail with every hash recomputed is then pinned to the first record it changed, not only to `seq`.
   */
  recent: z.array(z.string()).optional(),
});
export type Anchor = z.infer<typeof Anchor>;

export const Problem = z.enum(["edited", "missing", "reordered", "head-mismatch"]);
export type Problem = z.infer<typeof Problem>;

const Broken = z.object({
  ok: z.literal(false),
  /** Records before `brokenAt` that were checked and found intact. */
  count: z.number().int().nonnegative(),
  brokenAt: z.number().int().positive(),
  problem: Problem,
  message: z.string(),
});

/** How far the chain is held by an anchor kept outside the table. */
export const Anchored = z.object({
  /** The last record the latest anchor covers: records up to it cannot be cut or rewritten unseen. */
  seq: z.number().int().positive(),
  /** When that anchor was taken. */
  at: z.string(),
});
export type Anchored = z.infer<typeof Anchored>;

export const VerifyResult = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    count: z.number().int().nonnegative(),
    head: Head.nullable(),
    /** The latest anchor the chain was checked against; null when none was taken yet. */
    anchored: Anchored.nullable().optional(),
    /**
     * Records after the anchor. Only the anchor proves they were not cut off or rewritten with
     * recomputed hashes, so these recent ones are as yet unproven.
     */
    unanchored: z.number().int().nonnegative().optional(),
  }),
  Broken,
]);
export type VerifyResult = z.infer<typeof VerifyResult>;

export const AnchorCheck = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), seq: z.number().int().positive() }),
  Broken.omit({ count: true }),
]);
export type AnchorCheck = z.infer<typeof AnchorCheck>;

export const HistoryInput = z.object({
  entityKey: z.string().min(1).max(1024),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const HistoryPage = z.object({ items: z.array(Entry), cursor: z.string().nullable() });
export type HistoryPage = z.infer<typeof HistoryPage>;
