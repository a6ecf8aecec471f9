import type { z } from "zod";
import type { PendingEvent } from "../db/commit.ts";
import { conflict, unprocessable } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { applyMove, type Custody, type Guarded, type StockKey } from "./engine.ts";
import { NO_EXPIRY } from "./entities.ts";
import { assertUsable, existingLot, place, releasedGuard, resolve, settle } from "./guards.ts";
import { claim } from "./reservations.ts";
import {
  AdjustmentInput,
  IssueInput,
  type Move,
  type Place,
  ReceiptInput,
  ShipInput,
  TransferInput,
} from "./schema.ts";
import { findLot } from "./stock.ts";

/**
 * What another aggregate commits with a move, in the move's own transaction (procurement: the PO
 * line's received quantity, the receipt and the lot's origin; production: the issue line, the
 * finished unit), with its events and the idempotent answer it gives.
 */
export interface Along<R> {
  /** The move's id, when the caller names it beforehand (its own record refers to the move). */
  moveId?: string;
  with: Guarded[];
  events?: (move: Move) => PendingEvent[];
  answer: (move: Move) => R;
}

const alone: Along<Move> = { with: [], answer: (move) => move };

/** Goods into a location, creating the lot (with its expiry) on first receipt. */
export const receive = fn(ReceiptInput, (input) => receiveWith(input, alone));

/** A receipt that commits further writes with it. */
export async function receiveWith<R>(raw: z.input<typeof ReceiptInput>, along: Along<R>): Promise<R> {
  const input = ReceiptInput.parse(raw);
  const { material, item } = await resolve(input);
  if (material.status !== "active") {
    throw unprocessable("material-inactive", `Material ${material.code} is inactive: it takes no new stock`);
  }
  const at = await place(input, { receiving: true });
  const lot = await findLot(item.materialId, item.lotNo);
  if (lot) {
    const stored = lot.expiresOn === NO_EXPIRY ? undefined : lot.expiresOn;
    if (input.expiresOn && input.expiresOn !== stored) {
      throw unprocessable(
        "lot-expiry-mismatch",
        `Lot ${item.lotNo} expires on ${stored ?? "(no expiry)"}, not ${input.expiresOn}`,
        {
          expiresOn: stored ?? null,
        },
      );
    }
  } else if (material.shelfLifeDays && !input.expiresOn) {
    throw unprocessable("expiry-required", `Material ${material.code} has a shelf life: give the lot's expiresOn`);
  }
  const expiresOn = lot?.expiresOn ?? input.expiresOn ?? NO_EXPIRY;
  const tenantId = useTenantId();
  const now = nowIso();
  const hold = {
    status: "hold" as const,
    holdReason: "incoming inspection",
    statusChangedAt: now,
    statusChangedBy: actorId(),
  };
  const lotWrite: Guarded[] = lot
    ? input.quarantine && lot.status === "released"
      ? [
          {
            write: (e) =>
              e.stockLot
                .patch({ tenantId, ...key(item) })
                .set(hold)
                .where((a, op) => op.eq(a.status, "released"))
                .commit(),
            failed: () => conflict("concurrent-change", "The lot changed at the same time; try again"),
          },
        ]
      : []
    : [
        {
          write: (e) =>
            e.stockLot
              .create({
                tenantId,
                ...key(item),
                expiresOn,
                receivedAt: now,
                ...(input.quarantine ? hold : { status: "released" as const }),
              })
              .commit(),
          // Another receipt created the lot first: retrying finds it.
          failed: () => conflict("concurrent-change", "The lot was created at the same time; try again"),
        },
      ];
  const result = await applyMove(
    {
      kind: "receipt",
      moveId: along.moveId,
      item,
      expiresOn,
      legs: [{ kind: "receipt", place: at, onHand: input.quantity }],
      reference: input.reference,
      with: [...lotWrite, ...along.with],
      events: along.events,
    },
    along.answer,
  );
  return settle(item.materialId, result);
}

const key = (i: StockKey) => ({ materialId: i.materialId, lotNo: i.lotNo });

async function takeOut<R>(
  input: { materialId: string; lotNo?: string; serialNo?: string; quantity: number; reference?: string } & Place,
  kind: "issue" | "ship",
  along: Along<R>,
  reservationId?: string,
): Promise<R> {
  const { item } = await resolve(input);
  const at = await place(input);
  const reservation = reservationId
    ? await claim(reservationId, { item, locationId: at.locationId, quantity: input.quantity })
    : undefined;
  const lot = await existingLot(item);
  assertUsable(lot, kind === "ship" ? "shipped" : "issued");
  const result = await applyMove(
    {
      kind,
      item,
      expiresOn: lot.expiresOn,
      legs: [
        {
          kind,
          place: at,
          onHand: -input.quantity,
          // Against a reservation the reserved stock goes; available stays as it was.
          reserved: reservation ? -input.quantity : 0,
          serialOut: kind === "ship" ? "shipped" : "issued",
        },
      ],
      reference: input.reference,
      moveId: along.moveId,
      with: [releasedGuard(item), ...(reservation ? [reservation] : []), ...along.with],
      events: along.events,
    },
    along.answer,
  );
  return settle(item.materialId, result);
}

/** Stock out to use (production, service): refused for a lot on hold or expired, and beyond what is available. */
export const issue = fn(IssueInput, (input) => takeOut(input, "issue", alone, input.reservationId));

/** An issue that commits further writes with it (production's issue line). */
export const issueWith = <R>(input: z.output<typeof IssueInput>, along: Along<R>) =>
  takeOut(input, "issue", along, input.reservationId);

/** Stock out to a customer: the shipment reference is required; refused for a lot on hold or expired. */
export const ship = fn(ShipInput, (input) => takeOut(input, "ship", alone));

/** One serial of a multi-serial shipment, at the place it is picked from. */
export interface SerialOut extends Place {
  materialId: string;
  serialNo: string;
  lotNo?: string;
}

/**
 * Many serials out to one customer as ONE move in ONE transaction (a shipment): either every
 * serial ships, with its ledger line, balance and custody, or none does. Each lot must be released
 * and in date when the move commits. DynamoDB's 100-item transaction bounds a move at
 * `MAX_SERIALS_PER_MOVE` serials: 3 items per serial, a guard per lot, the caller's record, 2 events, the idempotent answer.
 */
export const MAX_SERIALS_PER_MOVE = 24;

export async function shipSerials<R>(input: {
  serials: SerialOut[];
  reference: string;
  custody: Custody;
  /** Writes of the caller's own record (the shipment), committed with the move. */
  with: Guarded[];
  events: (move: Move) => PendingEvent[];
  answer: (move: Move) => R;
}): Promise<R> {
  if (!input.serials.length) throw unprocessable("nothing-to-ship", "Pick at least one serial to ship");
  if (input.serials.length > MAX_SERIALS_PER_MOVE) {
    throw unprocessable("too-many-serials", `A shipment carries at most ${MAX_SERIALS_PER_MOVE} serials`);
  }
  const legs = await Promise.all(
    input.serials.map(async (s) => {
      const { item } = await resolve({ ...s, quantity: 1 });
      const at = await place(s);
      const lot = await existingLot(item);
      assertUsable(lot, "shipped");
      return {
        kind: "ship" as const,
        item,
        expiresOn: lot.expiresOn,
        place: at,
        onHand: -1,
        serialOut: "shipped" as const,
        custody: input.custody,
      };
    }),
  );
  const lots = [...new Map(legs.map((l) => [`${l.item.materialId}|${l.item.lotNo}`, l.item])).values()];
  const result = await applyMove(
    {
      kind: "ship",
      item: legs[0]!.item,
      expiresOn: legs[0]!.expiresOn,
      legs,
      reference: input.reference,
      with: [...lots.map(releasedGuard), ...input.with],
      events: input.events,
    },
    input.answer,
  );
  for (const materialId of new Set(legs.map((l) => l.item.materialId))) await settle(materialId, undefined);
  return result;
}

/** Stock from one location to another. Held stock may move (to quarantine); not staged for shipment. */
export const transfer = fn(TransferInput, async (input) => {
  const { item } = await resolve(input);
  const from = await place(input.from);
  const to = await place(input.to, { receiving: true });
  const lot = await existingLot(item);
  if (input.purpose === "shipment") assertUsable(lot, "staged for shipment");
  const move = await applyMove({
    kind: "transfer",
    item,
    expiresOn: lot.expiresOn,
    legs: [
      { kind: "transfer-out", place: from, onHand: -input.quantity },
      { kind: "transfer-in", place: to, onHand: input.quantity },
    ],
    reference: input.reference,
    with: input.purpose === "shipment" ? [releasedGuard(item)] : [],
  });
  return settle(item.materialId, move);
});

/** A correction with its reason: found stock (+), scrap, damage or loss (−). Never below what is available. */
export const adjust = fn(AdjustmentInput, async (input) => {
  const { item } = await resolve(input);
  const at = await place(input);
  const lot = await existingLot(item);
  const move = await applyMove({
    kind: "adjustment",
    item,
    expiresOn: lot.expiresOn,
    legs: [{ kind: "adjustment", place: at, onHand: input.quantity, serialOut: "scrapped" }],
    reason: input.reason,
  });
  return settle(item.materialId, move);
});
