import { Counts, Fefo, Moves, Reservations, InventorySchema as S, Stock } from "@medloop/shared";
import { z } from "zod";
import { defineCapability, route } from "../declaration/types.ts";

/** Stock is a manufacturer's internal record: no hospital or partner reaches these routes, whatever its roles. */
const kinds = ["manufacturer"] as const;

// Who does what (SEC-2, least privilege). Everyone at a manufacturer may see what is in stock.
const anyone = [
  "admin",
  "planner",
  "buyer",
  "warehouse",
  "operator",
  "qc-inspector",
  "quality-engineer",
  "service-manager",
  "sales",
] as const;
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
const move = { roles: storekeepers, kinds, response: S.Move, status: 201, idempotent: true } as const;

export const routes = {
  catalogue: route({
    method: "GET",
    path: "/v1/inventory/catalogue",
    handler: "http/stock/routes",
    summary: "Warehouses with their locations, and materials with their tracking: what inventory forms pick from",
    roles: anyone,
    kinds,
    response: S.Catalogue,
  }),
  stock: route({
    method: "GET",
    path: "/v1/inventory/stock",
    handler: "http/stock/routes",
    summary: "Stock by material (and lot) or by warehouse (and location), with expiry, hold status and availability",
    roles: anyone,
    kinds,
    request: {
      query: Stock.list.schema.extend({
        includeEmpty: z
          .enum(["true", "false"])
          .transform((v) => v === "true")
          .optional(),
      }),
    },
    response: Items(S.Balance),
  }),
  lot: route({
    method: "GET",
    path: "/v1/inventory/materials/{materialId}/lots/{lotNo}",
    handler: "http/lots/routes",
    summary: "One lot: expiry, quality status and its stock at every location",
    roles: anyone,
    kinds,
    request: { params: LotParams },
    response: z.object({ lot: S.Lot, balances: z.array(S.Balance) }),
  }),
  lotLedger: route({
    method: "GET",
    path: "/v1/inventory/materials/{materialId}/lots/{lotNo}/ledger",
    handler: "http/lots/routes",
    summary: "A lot's ledger, oldest line first (append-only: lines are never changed or deleted)",
    roles: ledgerReaders,
    kinds,
    request: { params: LotParams },
    response: Items(S.LedgerLine),
  }),
  dayLedger: route({
    method: "GET",
    path: "/v1/inventory/ledger",
    handler: "http/ledger/routes",
    summary: "The organisation's ledger of one day (UTC), in time order",
    roles: ledgerReaders,
    kinds,
    request: { query: Stock.ledgerOfDay.schema },
    response: Items(S.LedgerLine),
  }),
  receive: route({
    ...move,
    method: "POST",
    path: "/v1/inventory/receipts",
    handler: "http/moves/routes",
    summary: "Receive stock into a location (lot with expiry, serial); quarantine puts the lot on hold for inspection",
    request: { body: Moves.receive.schema },
  }),
  issue: route({
    ...move,
    roles: lineSide,
    method: "POST",
    path: "/v1/inventory/issues",
    handler: "http/moves/routes",
    summary: "Issue stock (optionally a reservation, whole); refused for a held or expired lot or beyond availability",
    request: { body: Moves.issue.schema },
  }),
  ship: route({
    ...move,
    method: "POST",
    path: "/v1/inventory/shipments",
    handler: "http/moves/routes",
    summary: "Ship stock to a customer against a shipment reference; refused for a held or expired lot",
    request: { body: Moves.ship.schema },
  }),
  transfer: route({
    ...move,
    roles: lineSide,
    method: "POST",
    path: "/v1/inventory/transfers",
    handler: "http/moves/routes",
    summary: "Move stock between locations; staging a held lot for shipment is refused",
    request: { body: Moves.transfer.schema },
  }),
  adjust: route({
    ...move,
    method: "POST",
    path: "/v1/inventory/adjustments",
    handler: "http/moves/routes",
    summary: "Correct stock with a reason (found +, scrap/damage/loss −); never below what is available",
    request: { body: Moves.adjust.schema },
  }),
  reserve: route({
    method: "POST",
    path: "/v1/inventory/reservations",
    handler: "http/reservations/routes",
    summary: "Reserve stock at a location for a purpose (work order); reserved stock is not available to others",
    roles: reservers,
    kinds,
    request: { body: Reservations.reserve.schema },
    response: S.Reservation,
    status: 201,
    idempotent: true,
  }),
  reservations: route({
    method: "GET",
    path: "/v1/inventory/reservations",
    handler: "http/reservations/routes",
    summary: "A material's reservations, oldest first",
    roles: anyone,
    kinds,
    request: { query: Reservations.list.schema },
    response: Items(S.Reservation),
  }),
  releaseReservation: route({
    method: "POST",
    path: "/v1/inventory/reservations/{reservationId}/release",
    handler: "http/reservations/routes",
    summary: "Release a reservation: its stock is available again",
    roles: reservers,
    kinds,
    request: { params: Reservations.release.schema },
    response: S.Reservation,
  }),
  hold: route({
    method: "POST",
    path: "/v1/inventory/materials/{materialId}/lots/{lotNo}/hold",
    handler: "http/lots/routes",
    summary: "Put a lot on quality hold (reason required): no issue, reservation or shipment until released",
    roles: quality,
    kinds,
    request: { params: LotParams, body: S.HoldInput.pick({ reason: true }).strict() },
    response: S.Lot,
  }),
  releaseHold: route({
    method: "POST",
    path: "/v1/inventory/materials/{materialId}/lots/{lotNo}/release",
    handler: "http/lots/routes",
    summary: "Release a lot from quality hold (reason required)",
    roles: quality,
    kinds,
    request: { params: LotParams, body: S.HoldInput.pick({ reason: true }).strict() },
    response: S.Lot,
  }),
  fefo: route({
    method: "GET",
    path: "/v1/inventory/fefo",
    handler: "http/fefo/routes",
    summary: "First-expiry-first-out picks for a quantity of a material (skips held, expired and reserved stock)",
    roles: anyone,
    kinds,
    request: { query: Fefo.suggest.schema },
    response: S.FefoSuggestion,
  }),
  safetyStocks: route({
    method: "GET",
    path: "/v1/inventory/safety-stock",
    handler: "http/safety-stock/routes",
    summary: "Safety-stock thresholds and whether usable stock is below them",
    roles: ["planner", "buyer", "warehouse", "admin"],
    kinds,
    response: Items(S.SafetyStock),
  }),
  setSafetyStock: route({
    method: "PUT",
    path: "/v1/inventory/materials/{materialId}/safety-stock",
    handler: "http/safety-stock/routes",
    summary: "Set a material's safety-stock threshold; falling below it emits Inventory.SafetyStockBelow once",
    roles: ["planner"],
    kinds,
    request: {
      params: z.object({ materialId: S.MaterialId }),
      body: S.SafetyStockInput.pick({ threshold: true }).strict(),
    },
    response: S.SafetyStock,
  }),
  enterCount: route({
    method: "POST",
    path: "/v1/inventory/counts",
    handler: "http/counts/routes",
    summary: "Enter a cycle count of one location; variances are posted only after approval",
    roles: storekeepers,
    kinds,
    request: { body: Counts.enter.schema },
    response: S.Count,
    status: 201,
    idempotent: true,
  }),
  counts: route({
    method: "GET",
    path: "/v1/inventory/counts",
    handler: "http/counts/routes",
    summary: "A warehouse's cycle counts (status=entered: waiting for approval)",
    roles: ["warehouse", ...countApprovers],
    kinds,
    request: { query: Counts.list.schema },
    response: Items(S.Count),
  }),
  count: route({
    method: "GET",
    path: "/v1/inventory/counts/{countId}",
    handler: "http/counts/routes",
    summary: "One cycle count with its variances",
    roles: ["warehouse", ...countApprovers],
    kinds,
    request: { params: Counts.get.schema },
    response: S.Count,
  }),
  postCount: route({
    method: "POST",
    path: "/v1/inventory/counts/{countId}/post",
    handler: "http/counts/routes",
    summary: "Approve a count and post its variances as ledger lines with the reason (not by the counter)",
    roles: countApprovers,
    kinds,
    request: { params: z.object({ countId: S.Id }), body: S.PostCountInput.pick({ reason: true }).strict() },
    response: S.Count,
  }),
};

export const inventory = defineCapability({
  name: "inventory",
  spec: ["INV-2", "INV-3"],
  routes: Object.values(routes),
});
