import { Db } from "../db/service.ts";
import { conflict, notFound, unprocessable } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { applyMove, type Guarded, type StockKey } from "./engine.ts";
import { assertUsable, existingLot, place, releasedGuard, resolve, settle } from "./guards.ts";
import { type Reservation, ReservationKey, ReservationsQuery, ReserveInput } from "./schema.ts";
import { toReservation } from "./views.ts";

async function load(reservationId: string) {
  const { data } = await Db.entities.stockReservation
    .get({ tenantId: useTenantId(), reservationId })
    .go({ consistent: true });
  if (!data) throw notFound("reservation-not-found", "No such reservation");
  return data;
}

const closing = (reservationId: string, status: "released" | "consumed"): Guarded => ({
  write: (e) =>
    e.stockReservation
      .patch({ tenantId: useTenantId(), reservationId })
      .set({ status })
      .where((a, op) => op.eq(a.status, "open"))
      .commit(),
  failed: () => conflict("reservation-not-open", "The reservation was released or consumed already"),
});

/** Set stock aside at one place for a purpose: it stays on hand but is no longer available to others. */
export const reserve = fn(ReserveInput, async (input): Promise<Reservation> => {
  const { item } = await resolve(input);
  const at = await place(input);
  const lot = await existingLot(item);
  assertUsable(lot, "reserved");
  const tenantId = useTenantId();
  const reservationId = uuid();
  const createdAt = nowIso();
  const record = {
    tenantId,
    reservationId,
    ...item,
    ...at,
    quantity: input.quantity,
    reference: input.reference,
    status: "open" as const,
    createdAt,
    createdBy: actorId(),
  };
  const reservation = await applyMove(
    {
      kind: "reserve",
      item,
      expiresOn: lot.expiresOn,
      legs: [{ kind: "reserve", place: at, onHand: 0, reserved: input.quantity }],
      reference: input.reference,
      with: [
        releasedGuard(item),
        {
          write: (e) => e.stockReservation.create(record).commit(),
          failed: () => conflict("concurrent-change", "Try again"),
        },
      ],
    },
    () => toReservation(record),
  );
  return settle(item.materialId, reservation);
});

/** Give reserved stock back to everyone. */
export const release = fn(ReservationKey, async ({ reservationId }): Promise<Reservation> => {
  const r = await load(reservationId);
  if (r.status !== "open") throw conflict("reservation-not-open", `The reservation is ${r.status} already`);
  const lot = await existingLot(r);
  const released = await applyMove(
    {
      kind: "release",
      item: { materialId: r.materialId, lotNo: r.lotNo, serialNo: r.serialNo },
      expiresOn: lot.expiresOn,
      legs: [
        {
          kind: "release",
          place: { warehouseId: r.warehouseId, locationId: r.locationId },
          onHand: 0,
          reserved: -r.quantity,
        },
      ],
      reference: r.reference,
      with: [closing(reservationId, "released")],
    },
    () => toReservation({ ...r, status: "released" }),
  );
  return settle(r.materialId, released);
});

/**
 * An issue against a reservation takes the reserved stock, all of it: the reservation must be
 * open and for the same stock and place. Returns the write that closes it with the issue.
 */
export async function claim(
  reservationId: string,
  taking: { item: StockKey; locationId: string; quantity: number },
): Promise<Guarded> {
  const r = await load(reservationId);
  if (r.status !== "open") throw conflict("reservation-not-open", `The reservation is ${r.status} already`);
  const { item } = taking;
  const same =
    r.materialId === item.materialId &&
    r.lotNo === item.lotNo &&
    r.serialNo === item.serialNo &&
    r.locationId === taking.locationId;
  if (!same) throw unprocessable("reservation-mismatch", "The reservation is for other stock or another location");
  if (r.quantity !== taking.quantity) {
    throw unprocessable("reservation-quantity", `The reservation holds ${r.quantity}; issue all of it or release it`, {
      reserved: r.quantity,
    });
  }
  return closing(reservationId, "consumed");
}

/** A material's reservations, oldest first. */
export const list = fn(ReservationsQuery, async ({ materialId }) => {
  const { data } = await Db.entities.stockReservation.query
    .byMaterial({ tenantId: useTenantId(), materialId })
    .go({ pages: "all" });
  return { items: data.map((r) => toReservation(r)) };
});
