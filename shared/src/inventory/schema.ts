import { z } from "zod";

/**
 * The inventory ledger's vocabulary (INV-2, INV-3). Zod only: the portal imports this file.
 *
 * Quantities are whole numbers of the material's stock unit (pieces, grams, millimetres): DynamoDB
 * adds them exactly, and a ledger that sums to its balance must not drift by float rounding.
 */
/** Master-data ids (materials, warehouses, locations) are the ids master data gave them. */
export const MaterialId = z.uuid("materialId is a material's id");
export const WarehouseId = z.uuid("warehouseId is a warehouse's id");
export const LocationId = z.uuid("locationId is a location's id");
/** GS1 AI (10): up to 20 characters; kept to what a URL path carries without escaping. */
export const LotNo = z
  .string()
  .trim()
  .min(1, "lotNo is required")
  .max(20)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "lotNo starts with a letter or digit; then letters, digits, . - _");
/** GS1 AI (21): up to 20 characters. */
export const SerialNo = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "serialNo starts with a letter or digit; then letters, digits, . - _");
export const Quantity = z.number().int("quantity is a whole number of the stock unit").positive().max(1_000_000_000);
export const IsoDate = z.iso.date("a date as YYYY-MM-DD");
export const Reason = z.string().trim().min(3, "give a reason of at least 3 characters").max(500);
export const Reference = z.string().trim().min(1).max(100);
export const Id = z.uuid();

export const LotStatus = z.enum(["released", "hold"]);
export type LotStatus = z.infer<typeof LotStatus>;

export const MoveKind = z.enum([
  "receipt",
  "issue",
  "transfer-out",
  "transfer-in",
  "adjustment",
  "ship",
  "count",
  "reserve",
  "release",
]);
export type MoveKind = z.infer<typeof MoveKind>;

/** Stock of one material, lot and serial at one location. */
export const Balance = z.object({
  materialId: z.string(),
  lotNo: z.string(),
  serialNo: z.string().nullable(),
  locationId: z.string(),
  warehouseId: z.string(),
  expiresOn: z.string().nullable(),
  onHand: z.number(),
  reserved: z.number(),
  /** On hand less reserved: what an issue, transfer or reservation may take. */
  available: z.number(),
  lotStatus: LotStatus,
  expired: z.boolean(),
});
export type Balance = z.infer<typeof Balance>;

export const Lot = z.object({
  materialId: z.string(),
  lotNo: z.string(),
  expiresOn: z.string().nullable(),
  status: LotStatus,
  holdReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  statusChangedBy: z.string().nullable(),
  receivedAt: z.string(),
});
export type Lot = z.infer<typeof Lot>;

/** One append-only line of the ledger: a signed change of on-hand (and reserved) quantity at one place. */
export const LedgerLine = z.object({
  lineId: z.string(),
  moveId: z.string(),
  kind: MoveKind,
  materialId: z.string(),
  lotNo: z.string(),
  serialNo: z.string().nullable(),
  locationId: z.string(),
  warehouseId: z.string(),
  /** Change of on-hand quantity (negative for issues). */
  quantity: z.number(),
  /** Change of reserved quantity (reservations and issues against them). */
  reservedDelta: z.number(),
  reason: z.string().nullable(),
  reference: z.string().nullable(),
  at: z.string(),
  by: z.string(),
});
export type LedgerLine = z.infer<typeof LedgerLine>;

export const Move = z.object({ moveId: z.string(), kind: z.string(), lines: z.array(LedgerLine) });
export type Move = z.infer<typeof Move>;

/** What is moved: lot and serial as the material's tracking requires (checked against master data). */
const StockRef = z.object({
  materialId: MaterialId,
  lotNo: LotNo.optional(),
  serialNo: SerialNo.optional(),
});
/** A storage place: locations are numbered within their warehouse. */
export const Place = z.object({ warehouseId: WarehouseId, locationId: LocationId });
export type Place = z.infer<typeof Place>;

export const ReceiptInput = StockRef.extend({
  ...Place.shape,
  quantity: Quantity,
  /** Required for a new lot of a material that expires; must match the lot's expiry otherwise. */
  expiresOn: IsoDate.optional(),
  /** Received into quality hold, for incoming inspection. */
  quarantine: z.boolean().default(false),
  reference: Reference.optional(),
}).strict();

export const IssueInput = StockRef.extend({
  ...Place.shape,
  quantity: Quantity,
  /** Issue stock reserved earlier: the reservation is consumed whole. */
  reservationId: Id.optional(),
  reference: Reference.optional(),
}).strict();

export const ShipInput = IssueInput.omit({ reservationId: true }).extend({ reference: Reference }).strict();

export const TransferInput = StockRef.extend({
  from: Place,
  to: Place,
  quantity: Quantity,
  /** A transfer staging stock for shipment is refused for a lot on hold; a move to quarantine is not. */
  purpose: z.enum(["storage", "shipment"]).default("storage"),
  reference: Reference.optional(),
})
  .strict()
  .refine((t) => t.from.locationId !== t.to.locationId, {
    path: ["to", "locationId"],
    message: "a transfer goes to another location",
  });

export const AdjustmentInput = StockRef.extend({
  ...Place.shape,
  /** Signed: positive for found stock, negative for scrap, damage, loss. */
  quantity: z
    .number()
    .int("quantity is a whole number of the stock unit")
    .refine((q) => q !== 0, "an adjustment changes the quantity"),
  reason: Reason,
}).strict();

export const ReserveInput = StockRef.extend({
  ...Place.shape,
  quantity: Quantity,
  /** What the stock is for, e.g. a work order number. */
  reference: Reference,
}).strict();

export const Reservation = z.object({
  reservationId: z.string(),
  materialId: z.string(),
  lotNo: z.string(),
  serialNo: z.string().nullable(),
  locationId: z.string(),
  warehouseId: z.string(),
  quantity: z.number(),
  reference: z.string(),
  status: z.enum(["open", "released", "consumed"]),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Reservation = z.infer<typeof Reservation>;

/** Untracked stock has the lot "-": it can be held as a whole. */
export const HoldInput = z
  .object({ materialId: MaterialId, lotNo: z.union([LotNo, z.literal("-")]), reason: Reason })
  .strict();

export const FefoQuery = z.object({
  materialId: MaterialId,
  quantity: z.coerce.number().pipe(Quantity),
});
export const FefoPick = z.object({
  lotNo: z.string(),
  serialNo: z.string().nullable(),
  locationId: z.string(),
  warehouseId: z.string(),
  expiresOn: z.string().nullable(),
  quantity: z.number(),
});
export const FefoSuggestion = z.object({
  materialId: z.string(),
  requested: z.number(),
  /** Picks in order; their quantities add up to the request unless `shortBy` is above 0. */
  picks: z.array(FefoPick),
  shortBy: z.number(),
});
export type FefoSuggestion = z.infer<typeof FefoSuggestion>;

export const SafetyStockInput = z.object({ materialId: MaterialId, threshold: z.number().int().min(0) }).strict();
export const SafetyStock = z.object({
  materialId: z.string(),
  threshold: z.number(),
  /** Usable stock (available, not held, not expired) when last evaluated. */
  available: z.number(),
  below: z.boolean(),
  evaluatedAt: z.string(),
});
export type SafetyStock = z.infer<typeof SafetyStock>;

export const CountLineInput = z
  .object({
    materialId: MaterialId,
    lotNo: LotNo.optional(),
    serialNo: SerialNo.optional(),
    counted: z.number().int().min(0),
  })
  .strict();
export const CountInput = z
  .object({
    ...Place.shape,
    // A posting is one transaction (at most 100 items): up to three per line plus the count and its events.
    lines: z.array(CountLineInput).min(1, "count at least one line").max(30, "at most 30 lines per count"),
  })
  .strict()
  .refine(
    (c) => new Set(c.lines.map((l) => `${l.materialId}|${l.lotNo}|${l.serialNo ?? ""}`)).size === c.lines.length,
    { path: ["lines"], message: "each material, lot and serial once per count" },
  );
export const CountLine = z.object({
  materialId: z.string(),
  lotNo: z.string(),
  serialNo: z.string().nullable(),
  counted: z.number(),
  /** On hand when the count was entered. */
  system: z.number(),
  variance: z.number(),
});
export const Count = z.object({
  countId: z.string(),
  locationId: z.string(),
  warehouseId: z.string(),
  status: z.enum(["entered", "posted"]),
  lines: z.array(CountLine),
  countedBy: z.string(),
  countedAt: z.string(),
  postedBy: z.string().nullable(),
  postedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type Count = z.infer<typeof Count>;
export const PostCountInput = z.object({ countId: Id, reason: Reason }).strict();

/** Master data the inventory forms pick from (ids with codes and names). */
export const Catalogue = z.object({
  warehouses: z.array(
    z.object({
      warehouseId: z.string(),
      code: z.string(),
      name: z.string(),
      locations: z.array(z.object({ locationId: z.string(), code: z.string(), name: z.string(), kind: z.string() })),
    }),
  ),
  materials: z.array(
    z.object({
      materialId: z.string(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      tracking: z.enum(["lot", "serial", "none"]),
      shelfLifeDays: z.number().nullable(),
    }),
  ),
});
export type Catalogue = z.infer<typeof Catalogue>;

/** Stock by material (and lot), or by warehouse (and location). */
export const StockQuery = z
  .object({
    materialId: MaterialId.optional(),
    lotNo: LotNo.optional(),
    warehouseId: WarehouseId.optional(),
    locationId: LocationId.optional(),
    /** Include balances that are down to zero (kept: their ledger stays readable). */
    includeEmpty: z.boolean().optional(),
  })
  .strict();
export const LedgerDayQuery = z.object({ day: IsoDate }).strict();
export const ReservationKey = z.object({ reservationId: Id });
export const ReservationsQuery = z.object({ materialId: MaterialId }).strict();
export const CountKey = z.object({ countId: z.uuid() });
export const CountsQuery = z
  .object({ warehouseId: WarehouseId, status: z.enum(["entered", "posted"]).optional() })
  .strict();
