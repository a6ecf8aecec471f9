import { describe, expect, it } from "vitest";
import { AQLS, codeLetter, planFor } from "./sampling.ts";

/**
 * Published values of GB/T 2828.1-2012 (= ISO 2859-1:1999 = ANSI/ASQ Z1.4) Table 1 (level II) and
 * Table 2-A (single sampling, normal inspection), typed in from the standard, arrows included.
 */
describe("code letters, general inspection level II (Table 1)", () => {
  it.each([
    [2, "A"],
    [8, "A"],
    [9, "B"],
    [15, "B"],
    [16, "C"],
    [25, "C"],
    [26, "D"],
    [50, "D"],
    [51, "E"],
    [90, "E"],
    [91, "F"],
    [150, "F"],
    [151, "G"],
    [280, "G"],
    [281, "H"],
    [500, "H"],
    [501, "J"],
    [1200, "J"],
    [1201, "K"],
    [3200, "K"],
    [3201, "L"],
    [10000, "L"],
    [10001, "M"],
    [35000, "M"],
    [35001, "N"],
    [150000, "N"],
    [150001, "P"],
    [500000, "P"],
    [500001, "Q"],
  ])("lot of %i → %s", (lotSize, letter) => {
    expect(codeLetter(lotSize)).toBe(letter);
  });
});

describe("single sampling plans, normal inspection (Table 2-A)", () => {
  // [lot size, AQL, sample size, Ac, Re]
  it.each([
    // Row H (n = 50): 0.25 → 0/1, 0.40 ↑ (G: 32, 0/1), 0.65 ↓ (J: 80, 1/2), then 1/2 … 10/11
    [500, "0.25", 50, 0, 1],
    [500, "0.40", 32, 0, 1],
    [500, "0.65", 80, 1, 2],
    [500, "1.0", 50, 1, 2],
    [500, "1.5", 50, 2, 3],
    [500, "2.5", 50, 3, 4],
    [500, "4.0", 50, 5, 6],
    [500, "6.5", 50, 7, 8],
    [500, "10", 50, 10, 11],
    // Row J (n = 80)
    [1000, "0.65", 80, 1, 2],
    [1000, "1.5", 80, 3, 4],
    [1000, "2.5", 80, 5, 6],
    [1000, "4.0", 80, 7, 8],
    [1000, "10", 80, 14, 15],
    // Row K (n = 125): 0.10 → 0/1, 0.15 ↑ (J: 80, 0/1), 0.25 ↓ (L: 200, 1/2)
    [2000, "0.10", 125, 0, 1],
    [2000, "0.15", 80, 0, 1],
    [2000, "0.25", 200, 1, 2],
    [2000, "0.40", 125, 1, 2],
    [2000, "0.65", 125, 2, 3],
    [2000, "1.0", 125, 3, 4],
    [2000, "2.5", 125, 7, 8],
    [2000, "6.5", 125, 14, 15],
    [2000, "10", 125, 21, 22],
    // Row L (n = 200): 6.5 → 21/22, 10 ↑ (K: 125, 21/22)
    [5000, "2.5", 200, 10, 11],
    [5000, "6.5", 200, 21, 22],
    [5000, "10", 125, 21, 22],
    // Row F (n = 20): 0.65 → 0/1, 1.0 ↑ (E: 13, 0/1), 1.5 ↓ (G: 32, 1/2), 2.5 → 1/2
    [100, "0.65", 20, 0, 1],
    [100, "1.0", 13, 0, 1],
    [100, "1.5", 32, 1, 2],
    [100, "2.5", 20, 1, 2],
    [100, "4.0", 20, 2, 3],
    [100, "6.5", 20, 3, 4],
    // Row D (n = 8): 1.0 ↓ (E: 13, 0/1), 2.5 ↑ (C: 5, 0/1), 4.0 ↓ (E: 13, 1/2), 6.5 → 1/2
    [40, "1.0", 13, 0, 1],
    [40, "1.5", 8, 0, 1],
    [40, "2.5", 5, 0, 1],
    [40, "4.0", 13, 1, 2],
    [40, "6.5", 8, 1, 2],
    // Row A (n = 2): 6.5 → 0/1, 10 ↓ (B ↓, C: 5, 1/2; a lot of 8 inspects 5)
    [5, "6.5", 2, 0, 1],
    [8, "10", 5, 1, 2],
    // Rows M, N, P, Q
    [20000, "0.040", 315, 0, 1],
    [20000, "0.065", 200, 0, 1],
    [20000, "1.0", 315, 7, 8],
    [100000, "0.65", 500, 7, 8],
    [100000, "1.0", 500, 10, 11],
    [200000, "0.40", 800, 7, 8],
    [600000, "0.010", 1250, 0, 1],
    [600000, "0.025", 2000, 1, 2],
    [600000, "0.40", 1250, 10, 11],
  ] as const)("lot %i at AQL %s → n=%i, Ac %i, Re %i", (lotSize, aql, n, ac, re) => {
    const plan = planFor({ lotSize, aql });
    expect({ sampleSize: plan.sampleSize, acceptance: plan.acceptance, rejection: plan.rejection }).toEqual({
      sampleSize: n,
      acceptance: ac,
      rejection: re,
    });
  });

  it("inspects every unit when the plan's sample is as large as the lot", () => {
    // Lot of 10 (B) at AQL 0.065 walks down to 200 samples: more than the lot.
    expect(planFor({ lotSize: 10, aql: "0.065" })).toMatchObject({
      sampleSize: 10,
      fullInspection: true,
      acceptance: 0,
    });
    expect(planFor({ lotSize: 1, aql: "1.0" })).toMatchObject({ sampleSize: 1, fullInspection: true });
  });

  it("gives a plan for every lot size range and AQL, with Re = Ac + 1 and a sample no larger than the lot", () => {
    for (const lotSize of [1, 2, 9, 16, 26, 51, 91, 151, 281, 501, 1201, 3201, 10001, 35001, 150001, 500001]) {
      for (const aql of AQLS) {
        const plan = planFor({ lotSize, aql });
        expect(plan.rejection).toBe(plan.acceptance + 1);
        expect(plan.sampleSize).toBeLessThanOrEqual(lotSize);
      }
    }
  });
});
