import type { EntityItem } from "electrodb";
import { today } from "../ports/clock.ts";
import type { BalanceEntity, LotEntity, ReservationEntity } from "./entities.ts";
import { NO_EXPIRY, NO_SERIAL } from "./entities.ts";
import { Balance, LedgerLine, Lot, Reservation } from "./schema.ts";

/** Stored forms to what callers see: "none" markers become null, counters default to 0. */
export const serialOut = (s: string) => (s === NO_SERIAL ? null : s);
export const expiryOut = (e: string) => (e === NO_EXPIRY ? null : e);
export const isExpired = (expiresOn: string) => expiresOn !== NO_EXPIRY && expiresOn < today();

export const toLine = (l: {
  lineId: string;
  moveId: string;
  kind: string;
  materialId: string;
  lotNo: string;
  serialNo: string;
  locationId: string;
  warehouseId: string;
  quantity: number;
  reservedDelta: number;
  reason?: string;
  reference?: string;
  at: string;
  by: string;
}): LedgerLine =>
  LedgerLine.parse({
    lineId: l.lineId,
    moveId: l.moveId,
    kind: l.kind,
    materialId: l.materialId,
    lotNo: l.lotNo,
    serialNo: serialOut(l.serialNo),
    locationId: l.locationId,
    warehouseId: l.warehouseId,
    quantity: l.quantity,
    reservedDelta: l.reservedDelta,
    reason: l.reason ?? null,
    reference: l.reference ?? null,
    at: l.at,
    by: l.by,
  });

export type BalanceItem = EntityItem<typeof BalanceEntity>;
export type LotItem = EntityItem<typeof LotEntity>;

export const toBalance = (b: BalanceItem, lot: LotItem | undefined): Balance =>
  Balance.parse({
    materialId: b.materialId,
    lotNo: b.lotNo,
    serialNo: serialOut(b.serialNo),
    locationId: b.locationId,
    warehouseId: b.warehouseId,
    expiresOn: expiryOut(b.expiresOn),
    onHand: b.onHand ?? 0,
    reserved: b.reserved ?? 0,
    available: b.available ?? 0,
    lotStatus: lot?.status ?? "released",
    expired: isExpired(b.expiresOn),
  });

export const toLot = (l: LotItem): Lot =>
  Lot.parse({
    materialId: l.materialId,
    lotNo: l.lotNo,
    expiresOn: expiryOut(l.expiresOn),
    status: l.status,
    holdReason: l.status === "hold" ? (l.holdReason ?? null) : null,
    statusChangedAt: l.statusChangedAt ?? null,
    statusChangedBy: l.statusChangedBy ?? null,
    receivedAt: l.receivedAt,
  });

export const toReservation = (r: EntityItem<typeof ReservationEntity>): Reservation =>
  Reservation.parse({ ...r, serialNo: serialOut(r.serialNo) });
