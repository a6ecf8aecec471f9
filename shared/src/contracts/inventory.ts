import { z } from "zod";
import * as S from "../inventory/schema.ts";
import { RolesByKind } from "../tenant/schema.ts";
import { capability, route } from "./route.ts";

/** Stock is a manufacturer's internal record: no hospital or partner reaches these routes, whatever its roles. */
const kinds = ["manufacturer"] as const;

// Who does what (SEC-2, least privilege). Everyone at a manufacturer may see what is in stock.
const anyone = RolesByKind.manufacturer;
const ledgerReaders = ["admin", "planner", "buyer", "warehouse", "qc-inspector", "quality-engineer"] as const;
const storekeepers = ["warehouse"] as const;
// Operators take material to the line and move it between line-side locations.
const lineSide = ["warehouse", "operator"] as const;
const reservers = ["planner", "warehouse"] as const;
// A lot's quality status is quality's decision.
const quality = ["qc-inspector", "quality-engineer"] as const;
// Count variances change book value: approved by planning (or the admin), never by the counter.
const countApprovers = ["planner", "admin"] as const;

const LotParams = z.object({ materialId: S.MaterialId, lotNo: z.union([S.LotNo, z.literal("-")]) });
const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
/**
 * Every move runs through one engine (inventory/engine.ts, guards.ts, references.ts), so every move
 * route may answer its rules.
 */
const move = {
  roles: storekeepers,
  kinds,
  response: S.Move,
  status: 201,
  idempotent: true,
  errors: {
    409: ["concurrent-change"],
    422: [
      "expiry-required",
      "insufficient-stock",
      "location-inactive",
      "lot-expired",
      "lot-expiry-mismatch",
      "lot-on-hold",
      "lot-required",
      "material-inactive",
      "not-tracked",
      "serial-in-stock",
      "serial-not-in-stock",
      "serial-not-tracked",
      "serial-quantity-one",
      "serial-required",
      "too-many-serials",
      "unknown-location",
      "unknown-material",
    ],
  },
} as const;

export const inventory = capability({
  name: "inventory",
  spec: ["INV-2", "INV-3"],
  resources: {
    stock: {
      catalogue: route({
        method: "GET",
        path: "/v1/inventory/catalogue",
        summary: "Warehouses with their locations, and materials with their tracking: what inventory forms pick from",
        roles: anyone,
        kinds,
        response: S.Catalogue,
      }),
      stock: route({
        method: "GET",
        path: "/v1/inventory/stock",
        errors: { 400: ["filter-required"] },
        summary:
          "Stock by material (and lot) or by warehouse (and location), with expiry, hold status and availability",
        roles: anyone,
        kinds,
        request: {
          query: S.StockQuery.extend({
            includeEmpty: z
              .enum(["true", "false"])
              .transform((v) => v === "true")
              .optional(),
          }),
        },
        response: Items(S.Balance),
      }),
    },
    lots: {
      lot: route({
        method: "GET",
        path: "/v1/inventory/materials/{materialId}/lots/{lotNo}",
        errors: { 404: ["lot-not-found"] },
        summary: "One lot: expiry, quality status and its stock at every location",
        roles: anyone,
        kinds,
        request: { params: LotParams },
        response: z.object({ lot: S.Lot, balances: z.array(S.Balance) }),
      }),
      lotLedger: route({
        method: "GET",
        path: "/v1/inventory/materials/{materialId}/lots/{lotNo}/ledger",
        errors: { 404: ["lot-not-found"] },
        summary: "A lot's ledger, oldest line first (append-only: lines are never changed or deleted)",
        roles: ledgerReaders,
        kinds,
        request: { params: LotParams },
        response: Items(S.LedgerLine),
      }),
      hold: route({
        method: "POST",
        path: "/v1/inventory/materials/{materialId}/lots/{lotNo}/hold",
        errors: { 404: ["lot-not-found"] },
        summary: "Put a lot on quality hold (reason required): no issue, reservation or shipment until released",
        roles: quality,
        kinds,
        request: { params: LotParams, body: S.HoldInput.pick({ reason: true }).strict() },
        response: S.Lot,
      }),
      releaseHold: route({
        method: "POST",
        path: "/v1/inventory/materials/{materialId}/lots/{lotNo}/release",
        errors: { 404: ["lot-not-found"] },
        summary: "Release a lot from quality hold (reason required)",
        roles: quality,
        kinds,
        request: { params: LotParams, body: S.HoldInput.pick({ reason: true }).strict() },
        response: S.Lot,
      }),
    },
    ledger: {
      dayLedger: route({
        method: "GET",
        path: "/v1/inventory/ledger",
        summary: "The organisation's ledger of one day (UTC), in time order",
        roles: ledgerReaders,
        kinds,
        request: { query: S.LedgerDayQuery },
        response: Items(S.LedgerLine),
      }),
    },
    moves: {
      receive: route({
        ...move,
        method: "POST",
        path: "/v1/inventory/receipts",
        summary:
          "Receive stock into a location (lot with expiry, serial); quarantine puts the lot on hold for inspection",
        request: { body: S.ReceiptInput },
      }),
      issue: route({
        ...move,
        roles: lineSide,
        method: "POST",
        path: "/v1/inventory/issues",
        summary:
          "Issue stock (optionally a reservation, whole); refused for a held or expired lot or beyond availability",
        request: { body: S.IssueInput },
      }),
      ship: route({
        ...move,
        method: "POST",
        path: "/v1/inventory/shipments",
        summary: "Ship stock to a customer against a shipment reference; refused for a held or expired lot",
        request: { body: S.ShipInput },
      }),
      transfer: route({
        ...move,
        roles: lineSide,
        method: "POST",
        path: "/v1/inventory/transfers",
        summary: "Move stock between locations; staging a held lot for shipment is refused",
        request: { body: S.TransferInput },
      }),
      adjust: route({
        ...move,
        method: "POST",
        path: "/v1/inventory/adjustments",
        summary: "Correct stock with a reason (found +, scrap/damage/loss −); never below what is available",
        request: { body: S.AdjustmentInput },
      }),
    },
    reservations: {
      reserve: route({
        method: "POST",
        path: "/v1/inventory/reservations",
        errors: { 422: ["unknown-material"] },
        summary: "Reserve stock at a location for a purpose (work order); reserved stock is not available to others",
        roles: reservers,
        kinds,
        request: { body: S.ReserveInput },
        response: S.Reservation,
        status: 201,
        idempotent: true,
      }),
      reservations: route({
        method: "GET",
        path: "/v1/inventory/reservations",
        summary: "A material's reservations, oldest first",
        roles: anyone,
        kinds,
        request: { query: S.ReservationsQuery },
        response: Items(S.Reservation),
      }),
      releaseReservation: route({
        method: "POST",
        path: "/v1/inventory/reservations/{reservationId}/release",
        errors: { 404: ["reservation-not-found"] },
        summary: "Release a reservation: its stock is available again",
        roles: reservers,
        kinds,
        request: { params: S.ReservationKey },
        response: S.Reservation,
      }),
    },
    fefo: {
      fefo: route({
        method: "GET",
        path: "/v1/inventory/fefo",
        summary: "First-expiry-first-out picks for a quantity of a material (skips held, expired and reserved stock)",
        roles: anyone,
        kinds,
        request: { query: S.FefoQuery },
        response: S.FefoSuggestion,
      }),
    },
    safetyStock: {
      safetyStocks: route({
        method: "GET",
        path: "/v1/inventory/safety-stock",
        summary: "Safety-stock thresholds and whether usable stock is below them",
        roles: ["planner", "buyer", "warehouse", "admin"],
        kinds,
        response: Items(S.SafetyStock),
      }),
      setSafetyStock: route({
        method: "PUT",
        path: "/v1/inventory/materials/{materialId}/safety-stock",
        errors: { 422: ["unknown-material"] },
        summary: "Set a material's safety-stock threshold; falling below it emits Inventory.SafetyStockBelow once",
        roles: ["planner"],
        kinds,
        request: {
          params: z.object({ materialId: S.MaterialId }),
          body: S.SafetyStockInput.pick({ threshold: true }).strict(),
        },
        response: S.SafetyStock,
      }),
    },
    counts: {
      enterCount: route({
        method: "POST",
        path: "/v1/inventory/counts",
        errors: { 422: ["unknown-location"] },
        summary: "Enter a cycle count of one location; variances are posted only after approval",
        roles: storekeepers,
        kinds,
        request: { body: S.CountInput },
        response: S.Count,
        status: 201,
        idempotent: true,
      }),
      counts: route({
        method: "GET",
        path: "/v1/inventory/counts",
        summary: "A warehouse's cycle counts (status=entered: waiting for approval)",
        roles: ["warehouse", ...countApprovers],
        kinds,
        request: { query: S.CountsQuery },
        response: Items(S.Count),
      }),
      count: route({
        method: "GET",
        path: "/v1/inventory/counts/{countId}",
        errors: { 404: ["count-not-found"] },
        summary: "One cycle count with its variances",
        roles: ["warehouse", ...countApprovers],
        kinds,
        request: { params: S.CountKey },
        response: S.Count,
      }),
      postCount: route({
        method: "POST",
        path: "/v1/inventory/counts/{countId}/post",
        errors: { 404: ["count-not-found"] },
        summary: "Approve a count and post its variances as ledger lines with the reason (not by the counter)",
        roles: countApprovers,
        kinds,
        request: { params: z.object({ countId: S.Id }), body: S.PostCountInput.pick({ reason: true }).strict() },
        response: S.Count,
      }),
    },
  },
});
