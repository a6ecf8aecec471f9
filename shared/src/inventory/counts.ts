import { z } from "zod";
import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound, unprocessable } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { applyMove, type Leg } from "./engine.ts";
import { CountPosted } from "./events.ts";
import { place, resolve, settle } from "./guards.ts";
import { type Count, CountInput, CountKey, CountsQuery, PostCountInput } from "./schema.ts";
import { findLot } from "./stock.ts";
import { serialOut } from "./views.ts";

/** A counted line as stored: with the balance's move count when counted, and the lot's expiry. */
const StoredLine = z.object({
  materialId: z.string(),
  lotNo: z.string(),
  serialNo: z.string(),
  counted: z.number(),
  system: z.number(),
  seq: z.number(),
  expiresOn: z.string(),
});
type StoredLine = z.infer<typeof StoredLine>;

type CountItem = {
  countId: string;
  locationId: string;
  warehouseId: string;
  status: "entered" | "posted";
  lines: string;
  countedBy: string;
  countedAt: string;
  postedBy?: string;
  postedAt?: string;
  reason?: string;
};

const toCount = (c: CountItem): Count => ({
  countId: c.countId,
  locationId: c.locationId,
  warehouseId: c.warehouseId,
  status: c.status,
  lines: z
    .array(StoredLine)
    .parse(JSON.parse(c.lines))
    .map((l) => ({
      materialId: l.materialId,
      lotNo: l.lotNo,
      serialNo: serialOut(l.serialNo),
      counted: l.counted,
      system: l.system,
      variance: l.counted - l.system,
    })),
  countedBy: c.countedBy,
  countedAt: c.countedAt,
  postedBy: c.postedBy ?? null,
  postedAt: c.postedAt ?? null,
  reason: c.reason ?? null,
});

/**
 * Enter what was counted at one location. The system quantity of each line is taken now, with the
 * balance's move count: posting later applies the variance only if nothing moved in between.
 */
export const enter = fn(CountInput, async (input): Promise<Count> => {
  const tenantId = useTenantId();
  const at = await place(input);
  const lines: StoredLine[] = [];
  for (const l of input.lines) {
    const { item } = await resolve(l);
    if (item.serialNo !== "-" && l.counted > 1) {
      throw unprocessable("serial-quantity-one", `Serial ${item.serialNo} counts 0 or 1`);
    }
    const lot = await findLot(item.materialId, item.lotNo);
    if (!lot) {
      throw unprocessable("lot-not-found", `Lot ${item.lotNo} was never received: receive found stock instead`);
    }
    const { data } = await Db.entities.stockBalance
      .get({ tenantId, ...item, locationId: at.locationId })
      .go({ consistent: true });
    lines.push({
      ...item,
      counted: l.counted,
      system: data?.onHand ?? 0,
      seq: data?.seq ?? 0,
      expiresOn: lot.expiresOn,
    });
  }
  const record: CountItem = {
    countId: uuid(),
    ...at,
    status: "entered",
    lines: JSON.stringify(lines),
    countedBy: actorId(),
    countedAt: nowIso(),
  };
  return commit({
    writes: (e) => [e.cycleCount.create({ tenantId, ...record }).commit()],
    result: toCount(record),
  });
});

async function load(countId: string): Promise<CountItem> {
  const { data } = await Db.entities.cycleCount.get({ tenantId: useTenantId(), countId }).go({ consistent: true });
  if (!data) throw notFound("count-not-found", "No such count");
  return data as CountItem;
}

export const get = fn(CountKey, async ({ countId }) => toCount(await load(countId)));

/** A warehouse's counts, oldest first; `status=entered` is the approver's queue. */
export const list = fn(CountsQuery, async ({ warehouseId, status }) => {
  const { data } = await Db.entities.cycleCount.query
    .byWarehouse({ tenantId: useTenantId(), warehouseId, ...(status ? { status } : {}) })
    .go({ pages: "all" });
  return { items: data.map((c) => toCount(c as CountItem)) };
});

/**
 * Approve and post a count: each variance becomes an adjustment ledger line (kind `count`) with the
 * approver's reason, in one transaction with the count's status. Someone other than the counter
 * approves (four eyes); stock that moved since counting is refused, to be counted again.
 */
export const post = fn(PostCountInput, async ({ countId, reason }): Promise<Count> => {
  const tenantId = useTenantId();
  const count = await load(countId);
  if (count.status !== "entered") throw conflict("count-posted", "The count was posted already");
  const postedBy = actorId();
  if (postedBy === count.countedBy) {
    throw unprocessable("count-self-approval", "Someone other than the counter approves the count");
  }
  const stored = z.array(StoredLine).parse(JSON.parse(count.lines));
  const postedAt = nowIso();
  const posted = toCount({ ...count, status: "posted", postedBy, postedAt, reason });
  const place = { warehouseId: count.warehouseId, locationId: count.locationId };
  const legs: Leg[] = stored
    .filter((l) => l.counted !== l.system)
    .map((l) => ({
      kind: "count",
      item: { materialId: l.materialId, lotNo: l.lotNo, serialNo: l.serialNo },
      expiresOn: l.expiresOn,
      place,
      onHand: l.counted - l.system,
      countedAtSeq: l.seq,
      serialOut: "scrapped",
    }));
  const statusWrite = {
    write: (e: Parameters<Parameters<typeof Db.transaction.write>[0]>[0]) =>
      e.cycleCount
        .patch({ tenantId, countId })
        // The queue index is keyed by status and countedAt: both are given so its key is rebuilt.
        .set({ status: "posted", countedAt: count.countedAt, postedBy, postedAt, reason })
        .where((a, op) => op.eq(a.status, "entered"))
        .commit(),
    failed: () => conflict("count-posted", "The count was posted already"),
  };
  if (!legs.length) {
    await commit({
      writes: (e) => [statusWrite.write(e)],
      events: [emit(CountPosted, { countId, locationId: count.locationId, moveId: null, reason })],
      result: posted,
      conditionFailed: statusWrite.failed,
    });
    return posted;
  }
  const first = stored[0]!;
  const result = await applyMove(
    {
      kind: "count",
      item: { materialId: first.materialId, lotNo: first.lotNo, serialNo: first.serialNo },
      expiresOn: first.expiresOn,
      legs,
      reason,
      reference: `count ${countId}`,
      with: [statusWrite],
      events: (move) => [emit(CountPosted, { countId, locationId: count.locationId, moveId: move.moveId, reason })],
    },
    () => posted,
  );
  for (const materialId of new Set(stored.map((l) => l.materialId))) await settle(materialId, null);
  return result;
});
