import { commit, emit, type PendingEvent } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { DomainError, unprocessable } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { NO_SERIAL } from "./entities.ts";
import { StockMoved } from "./events.ts";
import type { LedgerLine, Move, MoveKind, Place } from "./schema.ts";
import { toLine } from "./views.ts";

/** Stock identity in its stored form ("-" for no lot / no serial). */
export interface StockKey {
  materialId: string;
  lotNo: string;
  serialNo: string;
}

/** One change of one balance; each becomes one ledger line. */
export interface Leg {
  kind: MoveKind;
  /** Another item than the move's (a cycle count posts many). */
  item?: StockKey;
  expiresOn?: string;
  place: Place;
  /** Change of on-hand quantity. */
  onHand: number;
  /** Change of reserved quantity. */
  reserved?: number;
  /** Count posting: the balance's move count when it was counted (0 when there was no balance). */
  countedAtSeq?: number;
  /** What a serial becomes when this leg takes it out of stock. */
  serialOut?: "issued" | "shipped" | "scrapped";
  /** A shipped serial's new custodian; the serial must be picked for this shipment or for none. */
  custody?: Custody;
}

export interface Custody {
  shipmentId: string;
  customerId: string;
  custodianTenantId?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: ElectroDB's transaction items are typed per entity
type Item = any;
type Entities = Parameters<Parameters<typeof Db.transaction.write>[0]>[0];

/** A write of the move's transaction with the domain error its failed guard stands for. */
export interface Guarded {
  write: (e: Entities) => Item;
  failed: () => Error;
}

export interface MovePlan {
  /** Given by a caller that records the move in its own accompanying writes (a PO receipt). */
  moveId?: string;
  kind: string;
  item: StockKey;
  /** Stored expiry of the lot (balances carry it for FEFO order). */
  expiresOn: string;
  legs: Leg[];
  reason?: string;
  reference?: string;
  /** Writes that go with the move (the lot, a reservation, a count) and are guarded like the legs. */
  with?: Guarded[];
  /** Further events of the move, committed with it. */
  events?: (move: Move) => PendingEvent[];
}

/** A balance's `available` guard failed; the caller is told how much there is. */
class Short extends Error {
  constructor(
    readonly key: StockKey,
    readonly place: Place,
    readonly requested: number,
  ) {
    super("insufficient stock");
  }
}

const MAX_ATTEMPTS = 10;

/**
 * Commit a move: every balance change with its ledger line, the serial's whereabouts, the
 * accompanying writes, the event and the idempotent answer, in one transaction. Balances change
 * by atomic ADD under `available >= q`, so racing moves never take stock below zero; a race
 * that DynamoDB cancels (TransactionConflict) is retried with fresh guards.
 */
export async function applyMove(plan: MovePlan): Promise<Move>;
export async function applyMove<R>(plan: MovePlan, answer: (move: Move) => R): Promise<R>;
export async function applyMove<R>(plan: MovePlan, answer?: (move: Move) => R): Promise<R | Move> {
  const tenantId = useTenantId();
  const moveId = plan.moveId ?? uuid();
  const at = nowIso();
  const by = actorId();
  const legs = plan.legs.map((leg) => ({
    ...leg,
    item: leg.item ?? plan.item,
    expiresOn: leg.expiresOn ?? plan.expiresOn,
  }));
  const lines: LedgerLine[] = legs.map((leg) =>
    toLine({
      lineId: uuid(),
      moveId,
      kind: leg.kind,
      ...leg.item,
      ...leg.place,
      quantity: leg.onHand,
      reservedDelta: leg.reserved ?? 0,
      reason: plan.reason,
      reference: plan.reference,
      at,
      by,
    }),
  );
  const guarded: Guarded[] = [
    ...(plan.with ?? []),
    ...serialWrites(tenantId, legs),
    ...legs.map((leg) => balanceWrite(tenantId, leg)),
    ...lines.map((line, i) => ({
      write: (e: Entities) =>
        e.ledgerLine
          .create({
            tenantId,
            materialId: line.materialId,
            lotNo: line.lotNo,
            serialNo: legs[i]!.item.serialNo,
            lineId: line.lineId,
            moveId,
            kind: line.kind,
            locationId: line.locationId,
            warehouseId: line.warehouseId,
            quantity: line.quantity,
            reservedDelta: line.reservedDelta,
            reason: plan.reason,
            reference: plan.reference,
            at,
            day: at.slice(0, 10),
            by,
          })
          .commit(),
      failed: () => new Error(`ledger line ${i} of move ${moveId} already exists`),
    })),
  ];
  const move: Move = { moveId, kind: plan.kind, lines };
  for (let attempt = 1; ; attempt++) {
    try {
      return await commit({
        writes: (e) => guarded.map((g) => g.write(e)),
        events: [emit(StockMoved, move), ...(plan.events?.(move) ?? [])],
        // The idempotent answer is what the caller returns (a move, or a reservation).
        result: answer ? answer(move) : move,
        conditionFailed: (i) => guarded[i]?.failed() ?? new Error(`write ${i} failed`),
      });
    } catch (e) {
      if (e instanceof Short) throw await shortage(e);
      if (e instanceof DomainError && e.code === "concurrent-change" && attempt < MAX_ATTEMPTS) {
        // Jittered, growing pause so that racing movers do not collide again in lockstep.
        await new Promise((r) => setTimeout(r, Math.random() * 15 * attempt));
        continue;
      }
      throw e;
    }
  }
}

type ItemLeg = Leg & { item: StockKey; expiresOn: string };

function balanceWrite(tenantId: string, leg: ItemLeg): Guarded {
  const key = { tenantId, ...leg.item, locationId: leg.place.locationId };
  const reserved = leg.reserved ?? 0;
  // Available is on hand less reserved; an issue against a reservation takes reserved stock.
  const available = leg.onHand - reserved;
  const add = { onHand: leg.onHand, reserved, available, seq: 1 };
  const take = -Math.min(available, 0);
  const short = () => new Short(leg.item, leg.place, take || -leg.onHand);
  if (leg.countedAtSeq !== undefined) {
    const seq = leg.countedAtSeq;
    return {
      write: (e) =>
        e.stockBalance
          .upsert({ ...key, warehouseId: leg.place.warehouseId, expiresOn: leg.expiresOn })
          .add(add)
          .where((a, op) =>
            [
              seq === 0 ? `(${op.notExists(a.seq)} OR ${op.eq(a.seq, 0)})` : op.eq(a.seq, seq),
              ...(take > 0 ? [op.gte(a.available, take)] : []),
            ].join(" AND "),
          )
          .commit(),
      failed: () =>
        unprocessable("count-stale", "Stock at this place moved after it was counted: count it again", {
          lotNo: leg.item.lotNo,
          locationId: leg.place.locationId,
        }),
    };
  }
  if (leg.onHand > 0 && reserved === 0) {
    return {
      write: (e) =>
        e.stockBalance
          .upsert({ ...key, warehouseId: leg.place.warehouseId, expiresOn: leg.expiresOn })
          .add(add)
          .commit(),
      failed: short,
    };
  }
  return {
    // A patch also requires the balance to exist: no balance, nothing to take.
    write: (e) =>
      e.stockBalance
        .patch(key)
        .add(add)
        .where((a, op) =>
          [
            ...(take > 0 ? [op.gte(a.available, take)] : []),
            ...(reserved < 0 ? [op.gte(a.reserved, -reserved)] : []),
          ].join(" AND "),
        )
        .commit(),
    failed: short,
  };
}

/** A serial is in stock at one place at a time: receipts, transfers and issues move its marker under guard. */
function serialWrites(tenantId: string, legs: ItemLeg[]): Guarded[] {
  const serialised = legs.filter((l) => l.item.serialNo !== NO_SERIAL);
  const bySerial = new Map<string, ItemLeg[]>();
  for (const l of serialised) {
    const k = `${l.item.materialId}|${l.item.serialNo}`;
    bySerial.set(k, [...(bySerial.get(k) ?? []), l]);
  }
  return [...bySerial.values()].flatMap((ls) => serialWrite(tenantId, ls));
}

function serialWrite(tenantId: string, legs: ItemLeg[]): Guarded[] {
  const { materialId, serialNo, lotNo } = legs[0]!.item;
  const key = { tenantId, materialId, serialNo };
  const into = legs.find((l) => l.onHand > 0);
  const out = legs.find((l) => l.onHand < 0);
  if (into && out) {
    return [
      {
        write: (e) =>
          e.serialUnit
            .patch(key)
            .set({ locationId: into.place.locationId })
            .where((a, op) => `${op.eq(a.state, "in-stock")} AND ${op.eq(a.locationId, out.place.locationId)}`)
            .commit(),
        failed: () => unprocessable("serial-not-in-stock", `Serial ${serialNo} is not in stock at that location`),
      },
    ];
  }
  if (into) {
    return [
      {
        write: (e) =>
          e.serialUnit
            .upsert({ ...key, lotNo, locationId: into.place.locationId, state: "in-stock" })
            .where((a, op) => `(${op.notExists(a.state)} OR ${op.ne(a.state, "in-stock")})`)
            .commit(),
        failed: () => unprocessable("serial-in-stock", `Serial ${serialNo} is already in stock`),
      },
    ];
  }
  if (out?.custody) {
    const custody = out.custody;
    return [
      {
        write: (e) =>
          e.serialUnit
            .patch(key)
            .set({ state: "shipped", ...custody })
            .remove(["pickedFor"])
            .where(
              (a, op) =>
                `${op.eq(a.state, "in-stock")} AND ${op.eq(a.locationId, out.place.locationId)} AND ` +
                `(${op.notExists(a.pickedFor)} OR ${op.eq(a.pickedFor, custody.shipmentId)})`,
            )
            .commit(),
        failed: () =>
          unprocessable(
            "serial-not-in-stock",
            `Serial ${serialNo} is not in stock at that location, or is picked for another shipment`,
            { serialNo },
          ),
      },
    ];
  }
  if (out) {
    return [
      {
        write: (e) =>
          e.serialUnit
            .patch(key)
            .set({ state: out.serialOut ?? "issued" })
            .where((a, op) => `${op.eq(a.state, "in-stock")} AND ${op.eq(a.locationId, out.place.locationId)}`)
            .commit(),
        failed: () =>
          unprocessable("serial-not-in-stock", `Serial ${serialNo} is not in stock at that location (issued already?)`),
      },
    ];
  }
  return [];
}

async function shortage(s: Short): Promise<DomainError> {
  const { data } = await Db.entities.stockBalance
    .get({ tenantId: useTenantId(), ...s.key, locationId: s.place.locationId })
    .go({ consistent: true });
  const available = data?.available ?? 0;
  return unprocessable("insufficient-stock", `Only ${available} available at that location; ${s.requested} requested`, {
    available,
    requested: s.requested,
  });
}
