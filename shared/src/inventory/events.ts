import { z } from "zod";
import { defineEvent } from "../events/define.ts";
import { LedgerLine } from "./schema.ts";

/** One move of stock: its ledger lines, as committed with the balances they changed. */
export const StockMoved = defineEvent(
  "Inventory.StockMoved",
  1,
  z.object({ moveId: z.string(), kind: z.string(), lines: z.array(LedgerLine) }),
);

const LotRef = z.object({ materialId: z.string(), lotNo: z.string(), reason: z.string() });
export const LotHeld = defineEvent("Inventory.LotHeld", 1, LotRef);
export const LotReleased = defineEvent("Inventory.LotReleased", 1, LotRef);

const Level = z.object({ materialId: z.string(), threshold: z.number(), available: z.number() });
/** Usable stock fell below the safety threshold: a replenishment request is due (INV-3). */
export const SafetyStockBelow = defineEvent("Inventory.SafetyStockBelow", 1, Level);
/** Usable stock is back at or above the threshold: the next fall below will be reported again. */
export const SafetyStockRestored = defineEvent("Inventory.SafetyStockRestored", 1, Level);

export const CountPosted = defineEvent(
  "Inventory.CountPosted",
  1,
  // No move when every line matched the system.
  z.object({ countId: z.string(), locationId: z.string(), moveId: z.string().nullable(), reason: z.string() }),
);
