import { unprocessable } from "../errors/index.ts";

/**
 * The eight Nelson rules over an individuals chart (EW-1: trends on process parameters and
 * inspection measurements).
 *
 * How violations are reported: each rule finds the windows that qualify (a point, a run, a 3- or
 * 5-point window); windows of one rule that share a point and lean the same way (same side of the
 * centre, same direction of travel) merge into one entry, whose `indices` are every point of the
 * merged windows. So a 12-point run on one side is one rule-2 entry of 12 points, not four 9-point
 * windows: one mark per episode on the chart. This agrees with the NelsonRules.jl vectors, which
 * list every window (`pairs_1based`): the union of their windows is the union of our entries.
 *
 * Zones: a point is *beyond* kσ when |x − mean| > kσ and *within* 1σ otherwise (bounds inclusive, as
 * NelsonRules.jl reads rule 7). Distances are compared as `x − mean` against `k·σ` rather than
 * divided by σ, so integer data and limits are compared exactly.
 */
export type NelsonRule = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
export const NELSON_RULES: readonly NelsonRule[] = [1, 2, 3, 4, 5, 6, 7, 8];

export interface Limits {
  mean: number;
  sigma: number;
}

export interface Violation {
  rule: NelsonRule;
  /** 0-based positions in the series, ascending. */
  indices: number[];
}

/**
 * A qualifying window [start, end] (inclusive) and the way it leans. Run rules (2, 3, 4, 7) find
 * maximal runs directly; window rules (5, 6, 8) merge their overlapping same-lean windows.
 */
type Window = [start: number, end: number, lean: number];

export function nelsonRules(series: readonly number[], limits: Limits, rules: readonly NelsonRule[] = NELSON_RULES) {
  checkSeries(series);
  checkLimits(limits);
  const { mean, sigma } = limits;
  const out: Violation[] = [];
  for (const rule of [...new Set(rules)].sort()) {
    for (const [start, end] of windowsOf(rule, series, mean, sigma)) {
      const indices = new Array<number>(end - start + 1);
      for (let i = start; i <= end; i++) indices[i - start] = i;
      out.push({ rule, indices });
    }
  }
  return out;
}

/** +1 beyond kσ above, −1 beyond kσ below, 0 within. */
const zone = (x: number, mean: number, kSigma: number) => {
  const d = x - mean;
  return d > kSigma ? 1 : d < -kSigma ? -1 : 0;
};

function windowsOf(rule: NelsonRule, s: readonly number[], mean: number, sigma: number): Window[] {
  switch (rule) {
    case 1:
      return s.flatMap((x, i): Window[] => {
        const z = zone(x, mean, 3 * sigma);
        return z === 0 ? [] : [[i, i, z]];
      });
    case 2:
      return runs(s.length, 9, (i) => Math.sign(s[i]! - mean));
    case 3:
      // A run of n points has n−1 steps: the lean of point i is the step into it.
      return runs(s.length, 6, (i) => (i === 0 ? 0 : Math.sign(s[i]! - s[i - 1]!)), true);
    case 4:
      return alternating(s, 14);
    case 5:
      return merge(countWindows(s, 3, 2, (x) => zone(x, mean, 2 * sigma)));
    case 6:
      return merge(countWindows(s, 5, 4, (x) => zone(x, mean, sigma)));
    case 7:
      return runs(s.length, 15, (i) => (zone(s[i]!, mean, sigma) === 0 ? 1 : 0));
    case 8:
      return merge(bothSidesBeyond(s, 8, mean, sigma));
  }
}

/**
 * Maximal runs of at least `n` points sharing a non-zero lean. With `stepLean`, the lean is that of
 * the step into a point, and the run also takes in the point the first step leaves from.
 */
function runs(length: number, n: number, leanOf: (i: number) => number, stepLean = false): Window[] {
  const out: Window[] = [];
  let i = 0;
  while (i < length) {
    const lean = leanOf(i);
    let j = i;
    while (lean !== 0 && j + 1 < length && leanOf(j + 1) === lean) j++;
    const start = stepLean && lean !== 0 ? i - 1 : i;
    if (lean !== 0 && j - start + 1 >= n) out.push([start, j, lean]);
    i = j + 1;
  }
  return out;
}

/** Maximal stretches of at least `n` points whose consecutive steps alternate up and down. */
function alternating(s: readonly number[], n: number): Window[] {
  const out: Window[] = [];
  let start = 0;
  for (let i = 1; i <= s.length; i++) {
    const step = i < s.length ? Math.sign(s[i]! - s[i - 1]!) : 0;
    const prev = i >= 2 ? Math.sign(s[i - 1]! - s[i - 2]!) : 0;
    // The stretch ends before point i when the step into i is flat or repeats the previous direction.
    const continues = step !== 0 && (i - 1 === start || step === -prev);
    if (!continues) {
      if (i - start >= n) out.push([start, i - 1, 1]);
      start = step === 0 ? i : i - 1;
    }
  }
  return out;
}

/** Windows of `size` points with at least `min` of them in the same non-zero zone. */
function countWindows(s: readonly number[], size: number, min: number, zoneOf: (x: number) => number): Window[] {
  const out: Window[] = [];
  if (s.length < size) return out;
  const zones = s.map(zoneOf);
  let up = 0;
  let down = 0;
  for (let i = 0; i < s.length; i++) {
    if (zones[i] === 1) up++;
    else if (zones[i] === -1) down++;
    if (i >= size) {
      if (zones[i - size] === 1) up--;
      else if (zones[i - size] === -1) down--;
    }
    if (i >= size - 1) {
      if (up >= min) out.push([i - size + 1, i, 1]);
      if (down >= min) out.push([i - size + 1, i, -1]);
    }
  }
  return out;
}

/** Windows of `size` points all beyond 1σ, with points on both sides of the centre (the standard rule 8). */
function bothSidesBeyond(s: readonly number[], size: number, mean: number, sigma: number): Window[] {
  const out: Window[] = [];
  for (const [start, end] of runs(s.length, size, (i) => (zone(s[i]!, mean, sigma) === 0 ? 0 : 1))) {
    for (let w = start; w + size - 1 <= end; w++) {
      let up = false;
      let down = false;
      for (let i = w; i < w + size; i++) {
        if (s[i]! > mean) up = true;
        else down = true;
      }
      if (up && down) out.push([w, w + size - 1, 1]);
    }
  }
  return out;
}

/** Merges windows that share a point and lean the same way. */
function merge(windows: Window[]): Window[] {
  const sorted = [...windows].sort((a, b) => a[2] - b[2] || a[0] - b[0]);
  const out: Window[] = [];
  for (const w of sorted) {
    const last = out.at(-1);
    if (last && last[2] === w[2] && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else out.push([w[0], w[1], w[2]]);
  }
  return out.sort((a, b) => a[0] - b[0] || a[2] - b[2]);
}

export type SigmaEstimator = "moving-range" | "sample-sd";

/**
 * Control limits from a baseline. The default, average moving range / d2 (1.128 for ranges of two),
 * is the individuals-chart estimate: it measures point-to-point (short-term) variation, so a shift or
 * drift inside the baseline — what the rules are there to find — does not widen the limits the way
 * the overall sample standard deviation does. `sample-sd` (n − 1) is what NelsonRules.jl and the
 * conformance vectors use.
 */
export function controlLimits(baseline: readonly number[], estimator: SigmaEstimator = "moving-range"): Limits {
  checkSeries(baseline);
  if (baseline.length < 2) {
    throw unprocessable("spc-baseline-too-short", "a baseline needs at least 2 points to estimate sigma");
  }
  const limits = { mean: mean(baseline), sigma: estimateSigma(baseline, estimator) };
  checkLimits(limits);
  return limits;
}

/** Sigma of at least 2 finite points; 0 for a constant series. Does not throw (the evaluator polls it). */
export function estimateSigma(points: readonly number[], estimator: SigmaEstimator): number {
  if (estimator === "moving-range") {
    let sum = 0;
    for (let i = 1; i < points.length; i++) sum += Math.abs(points[i]! - points[i - 1]!);
    return sum / (points.length - 1) / 1.128;
  }
  const m = mean(points);
  let ss = 0;
  for (const x of points) ss += (x - m) ** 2;
  return Math.sqrt(ss / (points.length - 1));
}

export const mean = (points: readonly number[]) => {
  let sum = 0;
  for (const x of points) sum += x;
  return sum / points.length;
};

function checkSeries(series: readonly number[]): void {
  if (series.length === 0) throw unprocessable("spc-empty-series", "the series has no points");
  const bad = series.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw unprocessable("spc-non-finite-point", `point ${bad} is not a finite number`, { index: bad });
}

function checkLimits({ mean, sigma }: Limits): void {
  if (!Number.isFinite(mean)) throw unprocessable("spc-invalid-limits", "the mean must be a finite number");
  if (!Number.isFinite(sigma) || sigma <= 0) {
    throw unprocessable("spc-invalid-limits", "sigma must be a finite number above 0", { sigma });
  }
}
