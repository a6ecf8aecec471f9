import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { conformanceSuite } from "../../../test/conformance.ts";
import { DomainError } from "../errors/index.ts";
import { controlLimits, type NelsonRule, nelsonRules } from "./spc.ts";

const Pair = z.tuple([z.number().int(), z.number().int()]);
const Vectors = z.object({
  cases: z.array(
    z.object({
      id: z.string(),
      data: z.array(z.number()),
      limits: z.object({ center: z.number(), sigma: z.number() }),
      rules_tested: z.array(z.number().int().min(1).max(8)),
      expected: z.record(
        z.string(),
        z.object({
          pairs_1based: z.array(Pair).optional(),
          points_in_flagged_windows_1based: z.array(z.number().int()).optional(),
          points_1based: z.array(z.number().int()).optional(),
          source_windows_1based: z.array(Pair).optional(),
          prefix_checks: z.array(z.object({ first_n: z.number().int(), pairs_1based: z.array(Pair) })).optional(),
        }),
      ),
    }),
  ),
});

/** The points a fixed-size rule looks at together; rules 3 and 4 report (start, length) instead. */
const WINDOW: Partial<Record<NelsonRule, number>> = { 5: 3, 6: 5, 7: 15, 8: 8 };

conformanceSuite("Nelson rules against NelsonRules.jl (spc-rules.json)", "spc-rules.json", Vectors, ({ cases }) => {
  for (const c of cases) {
    const rule = c.rules_tested[0] as NelsonRule;
    const expected = c.expected[`rule${rule}`]!;
    const limits = { mean: c.limits.center, sigma: c.limits.sigma };

    it(`${c.id}: the vector's limits are the series' mean and sample SD`, () => {
      const derived = controlLimits(c.data, "sample-sd");
      expect(derived.mean).toBeCloseTo(limits.mean, 6);
      expect(derived.sigma).toBeCloseTo(limits.sigma, 6);
    });

    if (expected.pairs_1based) {
      const pairs = expected.pairs_1based;
      it(`${c.id}: rule ${rule} flags the points of the source's windows, one entry per overlapping group`, () => {
        const found = nelsonRules(c.data, limits, [rule]);
        const flagged = found.flatMap((v) => v.indices.map((i) => i + 1));
        expect(flagged).toEqual(expected.points_in_flagged_windows_1based);
        // Each source window lies inside exactly one of our entries.
        for (const [start, second] of pairs) {
          const end = start + (WINDOW[rule] ?? second) - 1;
          const holders = found.filter((v) => v.indices.includes(start - 1) && v.indices.includes(end - 1));
          expect(holders, `window ${start}-${end}`).toHaveLength(1);
        }
      });
    }
    for (const p of expected.prefix_checks ?? []) {
      it(`${c.id}: rule ${rule} flags nothing in the first ${p.first_n} points`, () => {
        expect(nelsonRules(c.data.slice(0, p.first_n), limits, [rule])).toEqual([]);
      });
    }
    if (expected.points_1based) {
      it(`${c.id}: strict rule 8 (both sides of the centre) flags ${expected.points_1based.length} points`, () => {
        expect(nelsonRules(c.data, limits, [rule]).flatMap((v) => v.indices)).toEqual(expected.points_1based);
        // The source's windows are all on one side, which is why the standard reading flags none.
        for (const [start, length] of expected.source_windows_1based ?? []) {
          const window = c.data.slice(start - 1, start - 1 + length);
          expect(window.every((x) => x > limits.mean + limits.sigma)).toBe(true);
        }
      });
    }
  }
});

const limits = { mean: 0, sigma: 1 };
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const only = (series: number[], rule: NelsonRule) => nelsonRules(series, limits, [rule]);

describe("each Nelson rule on hand-built series (mean 0, sigma 1)", () => {
  it.each<[string, NelsonRule, number[], number[][]]>([
    ["1: a point beyond 3 sigma, either side", 1, [0, 3.1, 0, -3.5, 3], [[1], [3]]],
    ["1: exactly 3 sigma is not beyond", 1, [3, -3, 0], []],
    ["2: nine in a row above", 2, [-1, ...Array(9).fill(0.5), -1], [range(1, 9)]],
    ["2: eleven in a row below is one entry", 2, [...Array(11).fill(-0.2), 1], [range(0, 10)]],
    ["2: eight in a row is not enough", 2, [...Array(8).fill(0.5), -1, 0.5], []],
    ["2: a point on the centre breaks the run", 2, [...Array(4).fill(1), 0, ...Array(5).fill(1)], []],
    ["3: six increasing", 3, [5, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.4], [range(1, 6)]],
    ["3: six decreasing", 3, [0.5, 0.4, 0.3, 0.2, 0.1, 0], [range(0, 5)]],
    ["3: five increasing is not enough", 3, [0, 0.1, 0.2, 0.3, 0.4, 0.3], []],
    ["3: an equal neighbour breaks the run", 3, [0, 0.1, 0.2, 0.2, 0.3, 0.4, 0.5], []],
    ["4: fourteen alternating", 4, [-1, ...range(0, 13).map((i) => i % 2), 1], [range(1, 14)]],
    ["4: thirteen alternating is not enough", 4, [-1, ...range(0, 12).map((i) => i % 2), 0], []],
    ["5: two of three beyond 2 sigma above", 5, [0, 2.5, 0, 2.1, 0, 0], [range(1, 3)]],
    ["5: two of three beyond 2 sigma below", 5, [-2.5, -2.1, 0, 0], [range(0, 2)]],
    ["5: opposite sides do not count together", 5, [2.5, -2.5, 0, 2.5, 0, 0], []],
    ["5: exactly 2 sigma is not beyond", 5, [2, 2, 2], []],
    ["6: four of five beyond 1 sigma above", 6, [0, 1.5, 1.2, 0, 1.1, 2, 0, 0, 0], [range(1, 5)]],
    ["6: three of five is not enough", 6, [1.5, 1.2, 0, 1.1, 0, 0, 1.5], []],
    ["7: fifteen within 1 sigma", 7, [2, ...Array(15).fill(0.5), 2], [range(1, 15)]],
    ["7: fourteen within 1 sigma is not enough", 7, [2, ...Array(14).fill(-1), 2], []],
    ["8: eight beyond 1 sigma on both sides", 8, [0, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 0], [range(1, 8)]],
    ["8: eight beyond 1 sigma on one side only", 8, Array(8).fill(1.5), []],
    ["8: a point within 1 sigma breaks it", 8, [1.5, -1.5, 1.5, -1.5, 0.5, 1.5, -1.5, 1.5, -1.5], []],
  ])("rule %s", (_, rule, series, expected) => {
    expect(only(series, rule).map((v) => v.indices)).toEqual(expected);
  });

  it("reports a rising run and the falling run from its peak as two rule-3 entries", () => {
    const series = [...range(0, 6), ...range(0, 5).reverse()].map((x) => x / 10);

    expect(only(series, 3).map((v) => v.indices)).toEqual([range(0, 6), range(6, 12)]);
  });

  it("merges overlapping rule-5 windows on one side, keeps the other side apart", () => {
    const series = [2.5, 2.5, 2.5, 0, 0, -2.5, 0, -2.5];

    expect(only(series, 5).map((v) => v.indices)).toEqual([range(0, 3), range(5, 7)]);
  });

  it("checks all eight rules by default and orders entries by rule", () => {
    const found = nelsonRules([0, 4, ...Array(15).fill(0.5)], limits);

    expect(found.map((v) => v.rule)).toEqual([1, 2, 7]);
  });
});

describe("guards and limits", () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof DomainError ? e.code : "not a DomainError";
    }
    return "no error";
  };

  it.each([
    ["an empty series", () => nelsonRules([], limits), "spc-empty-series"],
    ["sigma 0", () => nelsonRules([1], { mean: 0, sigma: 0 }), "spc-invalid-limits"],
    ["negative sigma", () => nelsonRules([1], { mean: 0, sigma: -1 }), "spc-invalid-limits"],
    ["infinite sigma", () => nelsonRules([1], { mean: 0, sigma: Infinity }), "spc-invalid-limits"],
    ["a NaN mean", () => nelsonRules([1], { mean: Number.NaN, sigma: 1 }), "spc-invalid-limits"],
    ["a NaN point", () => nelsonRules([1, Number.NaN], limits), "spc-non-finite-point"],
    ["a baseline of one point", () => controlLimits([1]), "spc-baseline-too-short"],
    ["a constant baseline", () => controlLimits([2, 2, 2]), "spc-invalid-limits"],
  ])("refuses %s with a typed error", (_, f, expected) => {
    expect(code(f)).toBe(expected);
  });

  it("estimates sigma from the average moving range by default, sample SD on request", () => {
    const baseline = [10, 12, 11, 13, 10];

    expect(controlLimits(baseline)).toEqual({ mean: 11.2, sigma: 2 / 1.128 });
    expect(controlLimits(baseline, "sample-sd").sigma).toBeCloseTo(Math.sqrt(6.8 / 4), 12);
  });

  it("keeps the moving-range sigma narrow where a shift inflates the sample SD", () => {
    const shifted = [...Array(10).fill(0), ...Array(10).fill(10)].map((x, i) => x + (i % 2));

    expect(controlLimits(shifted).sigma).toBeLessThan(controlLimits(shifted, "sample-sd").sigma / 3);
  });
});

describe("properties", () => {
  const series = fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 1, maxLength: 60 });
  const intLimits = fc.record({ mean: fc.integer({ min: -10, max: 10 }), sigma: fc.integer({ min: 1, max: 12 }) });

  it("rule 1 flags exactly the points beyond 3 sigma, one entry each", () => {
    fc.assert(
      fc.property(series, intLimits, (s, l) => {
        const flagged = nelsonRules(s, l, [1]).map((v) => v.indices);
        const beyond = s.flatMap((x, i) => (Math.abs(x - l.mean) > 3 * l.sigma ? [[i]] : []));
        expect(flagged).toEqual(beyond);
      }),
    );
  });

  it("shifting and scaling the series and the limits together changes nothing", () => {
    fc.assert(
      fc.property(
        series,
        intLimits,
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 1, max: 7 }),
        (s, l, c, a) => {
          const moved = nelsonRules(
            s.map((x) => a * x + c),
            { mean: a * l.mean + c, sigma: a * l.sigma },
          );
          expect(moved).toEqual(nelsonRules(s, l));
        },
      ),
    );
  });

  it("reversing a series mirrors its rule-3 runs", () => {
    fc.assert(
      fc.property(series, (s) => {
        const n = s.length;
        const mirrored = nelsonRules([...s].reverse(), limits, [3])
          .map((v) => v.indices.map((i) => n - 1 - i).reverse())
          .sort((a, b) => a[0]! - b[0]!);
        expect(mirrored).toEqual(nelsonRules(s, limits, [3]).map((v) => v.indices));
      }),
    );
  });

  it("mirroring a series about the centre gives the same violations", () => {
    fc.assert(
      fc.property(series, intLimits, (s, l) => {
        const flipped = s.map((x) => 2 * l.mean - x);
        const key = (vs: { rule: number; indices: number[] }[]) =>
          vs.map((v) => `${v.rule}:${v.indices.join(",")}`).sort();
        expect(key(nelsonRules(flipped, l))).toEqual(key(nelsonRules(s, l)));
      }),
    );
  });

  it("every entry is a contiguous stretch inside the series", () => {
    fc.assert(
      fc.property(series, intLimits, (s, l) => {
        for (const v of nelsonRules(s, l)) {
          expect(v.indices[0]).toBeGreaterThanOrEqual(0);
          expect(v.indices.at(-1)).toBeLessThan(s.length);
          expect(v.indices).toEqual(range(v.indices[0]!, v.indices[0]! + v.indices.length - 1));
        }
      }),
    );
  });
});
