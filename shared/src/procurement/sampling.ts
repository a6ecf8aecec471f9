import { z } from "zod";

/**
 * Single sampling plans for attribute inspection per GB/T 2828.1-2012 / ISO 2859-1:1999, general
 * inspection level II, normal inspection (Table 1 and Table 2-A). Zod and arithmetic only: the
 * portal imports it to show the plan while the inspector types.
 *
 * Table 2-A is built on one fact of its layout: along each diagonal (sample size one step up, AQL
 * one step down) the acceptance number is the same, and the arrows send you along a column to the
 * nearest row that has a plan. So a plan is found by walking the column from the code letter's row,
 * and the whole table is 16 sample sizes, 16 AQLs and the Ac numbers of the diagonals.
 */

/** AQLs (percent nonconforming) a device maker specifies, from critical (0.010) to minor (10). */
export const AQLS = [
  "0.010",
  "0.015",
  "0.025",
  "0.040",
  "0.065",
  "0.10",
  "0.15",
  "0.25",
  "0.40",
  "0.65",
  "1.0",
  "1.5",
  "2.5",
  "4.0",
  "6.5",
  "10",
] as const;
export const Aql = z.enum(AQLS);
export type Aql = z.infer<typeof Aql>;

/** Table 1, level II: upper bound of each lot-size range and its code letter. */
const LOT_RANGES: [number, CodeLetter][] = [
  [8, "A"],
  [15, "B"],
  [25, "C"],
  [50, "D"],
  [90, "E"],
  [150, "F"],
  [280, "G"],
  [500, "H"],
  [1200, "J"],
  [3200, "K"],
  [10000, "L"],
  [35000, "M"],
  [150000, "N"],
  [500000, "P"],
  [Number.POSITIVE_INFINITY, "Q"],
];

const LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "Q", "R"] as const;
export type CodeLetter = (typeof LETTERS)[number];
/** Table 2-A: the sample size of each code letter. */
const SAMPLE_SIZES = [2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000];

/**
 * Acceptance number on diagonal d = row + column (rows A…R = 0…15, columns 0.010…10 = 0…15):
 * below 14 the cell is ↓, 15 is ↑ and 16 is ↓ (the gap between Ac 0 and Ac 1), beyond 24 ↑.
 */
const DIAGONAL_AC: Record<number, number> = { 14: 0, 17: 1, 18: 2, 19: 3, 20: 5, 21: 7, 22: 10, 23: 14, 24: 21 };
// Row A has nothing above it: where a ↑ would leave the table the standard prints ↓ instead.
const arrow = (row: number, d: number): "down" | "up" => (d <= 13 || d === 16 || row === 0 ? "down" : "up");

export const Plan = z.object({
  lotSize: z.number().int(),
  aql: Aql,
  /** Code letter of the lot size (Table 1); the plan may come from another row by an arrow. */
  codeLetter: z.enum(LETTERS),
  /** The row the plan was read from after following the arrows. */
  planLetter: z.enum(LETTERS),
  sampleSize: z.number().int(),
  /** Accept the lot with at most this many nonconforming units in the sample. */
  acceptance: z.number().int(),
  /** Reject the lot with this many or more. */
  rejection: z.number().int(),
  /** The plan's sample is as large as the lot: inspect every unit (the standard's rule). */
  fullInspection: z.boolean(),
});
export type Plan = z.infer<typeof Plan>;

export const codeLetter = (lotSize: number): CodeLetter => LOT_RANGES.find(([max]) => lotSize <= max)![1];

export const PlanInput = z.object({
  lotSize: z.coerce.number().int().positive().max(1_000_000_000),
  aql: Aql,
});

export function planFor({ lotSize, aql }: z.infer<typeof PlanInput>): Plan {
  const letter = codeLetter(lotSize);
  const column = AQLS.indexOf(aql);
  let row = LETTERS.indexOf(letter);
  // Follow the arrows; every column reaches a plan within the table (Q's ↓ lands on R at Ac ≥ 1).
  while (DIAGONAL_AC[row + column] === undefined) row += arrow(row, row + column) === "down" ? 1 : -1;
  const acceptance = DIAGONAL_AC[row + column]!;
  const sampleSize = SAMPLE_SIZES[row]!;
  const fullInspection = sampleSize >= lotSize;
  return {
    lotSize,
    aql,
    codeLetter: letter,
    planLetter: LETTERS[row]!,
    sampleSize: fullInspection ? lotSize : sampleSize,
    acceptance,
    rejection: acceptance + 1,
    fullInspection,
  };
}
