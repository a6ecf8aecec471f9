import type { Condition, Grade, Kind, Observation, Owner, Rule } from "./schema.ts";
import { estimateSigma, type Limits, mean, type NelsonRule, nelsonRules, type Violation } from "./spc.ts";

/**
 * The rule evaluator (EW-1, EW-2): pure and deterministic. The caller keeps one `RuleState` per
 * tenant, rule and subject, persists it after every call and hands it back with the next
 * observation, so a restart loses nothing. The state is plain JSON.
 *
 * De-duplication (EW-2) is built in twice over:
 * - a replayed event (an id among the last `SEEN_IDS` the state has taken) changes nothing and fires nothing;
 * - conditions are latched: a rule fires when its subject enters the condition and not again until
 *   the subject has left it (a supplier stays above its reject rate, an SPC run keeps growing, a
 *   device stays silent: one firing each). Escalation of a standing alert is the alert's business.
 */

/** How many recent event ids a state remembers; a replay from further back is indistinguishable from new. */
export const SEEN_IDS = 32;
/** The SPC points kept per subject: the longest fixed rule window (15, rule 7) with room for the runs around it. */
export const SPC_POINTS = 32;
/** Open gateway alerts remembered per device. */
const OPEN_ALERTS = 64;

type KindState =
  | { kind: "threshold" | "stock-below-safety"; active: boolean }
  | {
      kind: "spc";
      baseline: number[];
      limits: Limits | null;
      /** The kept points in the order they were measured (not received), and when each was. */
      series: number[];
      times: number[];
      /** The violations in the kept points, as [rule, measurement time of their first point]. */
      open: [NelsonRule, number][];
    }
  | { kind: "ratio"; window: { receipt: string; passed: boolean }[]; above: boolean }
  | { kind: "expiry"; expiresOn: string | null; warnedFor: string | null }
  | { kind: "silence"; lastSeen: number | null; firedFor: number | null }
  | { kind: "telemetry-alert"; open: string[] };

export interface RuleState {
  /** The rule version this state was built under; a new version starts the condition afresh. */
  version: number;
  seen: string[];
  of: KindState;
}

export type Evidence =
  | { kind: "threshold"; comparison: string; limit: number }
  | { kind: "spc"; limits: Limits; series: number[]; violations: Violation[] }
  | { kind: "ratio"; max: number; window: { receipt: string; passed: boolean }[] }
  | { kind: "expiry"; expiresOn: string; daysLeft: number; horizonDays: number }
  | { kind: "stock-below-safety"; quantity: number; safetyLevel: number }
  | { kind: "silence"; lastSeen: string; minutes: number }
  | { kind: "telemetry-alert"; alertId: string; rule: string; ruleKind: string; severity: Grade }
  /** Raised by the complaints' clock sweep, not by a rule (complaints/clock-alerts.ts). */
  | { kind: "complaint-clock"; complaintId: string; regime: string; dueAt: string; overdue: boolean };

export interface Firing {
  ruleId: string;
  ruleVersion: number;
  name: string;
  grade: Grade;
  owner: Owner;
  /** `<subject>:<id>`, e.g. `supplier:SUP-7`: the key the alert is de-duplicated and tasked under. */
  subject: string;
  at: string;
  /** The observation that fired it; absent for a scheduled check. */
  eventId?: string;
  values: number[];
  evidence: Evidence;
  /** The lot to place on quality hold: a critical rule that holds lots, fired about a known lot. */
  holdLot?: string;
}

export interface Outcome {
  state: RuleState;
  fired?: Firing;
}

export function initialState(rule: Rule): RuleState {
  return { version: rule.version, seen: [], of: freshKindState(rule.condition) };
}

function freshKindState(c: Condition): KindState {
  switch (c.kind) {
    case "threshold":
    case "stock-below-safety":
      return { kind: c.kind, active: false };
    case "spc":
      return { kind: "spc", baseline: [], limits: null, series: [], times: [], open: [] };
    case "ratio":
      return { kind: "ratio", window: [], above: false };
    case "expiry":
      return { kind: "expiry", expiresOn: null, warnedFor: null };
    case "silence":
      return { kind: "silence", lastSeen: null, firedFor: null };
    case "telemetry-alert":
      return { kind: "telemetry-alert", open: [] };
  }
}

/**
 * The subject key an observation is about under this rule, or undefined when the rule does not
 * read this observation. Measurements are keyed by characteristic (the SPC series runs per
 * characteristic, across lots) unless the rule watches lots.
 */
export function subjectOf(rule: Rule, o: Observation): string | undefined {
  const c = rule.condition;
  switch (o.type) {
    case "measurement":
      if (c.kind === "spc" && c.characteristic === o.characteristic) return `${rule.subject}:${o.characteristic}`;
      if (c.kind !== "threshold" || c.field !== "measurement.value") return undefined;
      if (c.match !== undefined && c.match !== o.characteristic) return undefined;
      if (rule.subject !== "lot") return `${rule.subject}:${o.characteristic}`;
      return o.lot === undefined ? undefined : `lot:${o.lot}`;
    case "inspection":
      return c.kind === "ratio" ? `supplier:${o.supplier}` : undefined;
    case "stock-level": {
      const reads = c.kind === "stock-below-safety" || (c.kind === "threshold" && c.field === "stock-level.quantity");
      return reads && (c.match === undefined || c.match === o.item) ? `stock-item:${o.item}` : undefined;
    }
    case "expiry":
      return c.kind === "expiry" && c.of === o.what ? `${rule.subject}:${o.subjectId}` : undefined;
    case "heartbeat":
      return c.kind === "silence" ? `device:${o.device}` : undefined;
    case "telemetry-alert":
      // A gateway alert is a sign of life too.
      return c.kind === "silence" || c.kind === "telemetry-alert" ? `device:${o.device}` : undefined;
  }
}

/** Takes one observation into the state of (rule, subject); `now` stamps a firing. */
export function evaluate(rule: Rule, state: RuleState | undefined, o: Observation, now: Date): Outcome {
  const current = state && state.version === rule.version ? state : resetFor(rule, state);
  if (!rule.enabled || current.seen.includes(o.eventId)) return { state: current };
  const subject = subjectOf(rule, o);
  if (subject === undefined) return { state: current };
  const seen = current.seen.length < SEEN_IDS ? [...current.seen, o.eventId] : [...current.seen.slice(1), o.eventId];
  const step = take(rule, current.of, o);
  const next: RuleState = { version: rule.version, seen, of: step.of };
  if (!step.fire) return { state: next };
  return {
    state: next,
    fired: firing(rule, subject, now, step.fire.values, step.fire.evidence, o.eventId, lotOf(o)),
  };
}

/** A scheduled check of (rule, subject) at `now`: expiry horizons and silent devices. */
export function tick(rule: Rule, state: RuleState, subject: string, now: Date): Outcome {
  const c = rule.condition;
  if (!rule.enabled || state.version !== rule.version) return { state };
  const s = state.of;
  if (c.kind === "expiry" && s.kind === "expiry" && s.expiresOn !== null && s.warnedFor !== s.expiresOn) {
    const daysLeft = Math.floor((Date.parse(`${s.expiresOn}T00:00:00Z`) - now.getTime()) / 86_400_000);
    if (daysLeft > c.horizonDays) return { state };
    const evidence: Evidence = { kind: "expiry", expiresOn: s.expiresOn, daysLeft, horizonDays: c.horizonDays };
    const lot = c.of === "lot" ? subject.slice("lot:".length) : undefined;
    return {
      state: { ...state, of: { ...s, warnedFor: s.expiresOn } },
      fired: firing(rule, subject, now, [daysLeft], evidence, undefined, lot),
    };
  }
  if (c.kind === "silence" && s.kind === "silence" && s.lastSeen !== null && s.firedFor !== s.lastSeen) {
    if (now.getTime() - s.lastSeen < c.minutes * 60_000) return { state };
    const silentMinutes = Math.floor((now.getTime() - s.lastSeen) / 60_000);
    const evidence: Evidence = { kind: "silence", lastSeen: new Date(s.lastSeen).toISOString(), minutes: c.minutes };
    return {
      state: { ...state, of: { ...s, firedFor: s.lastSeen } },
      fired: firing(rule, subject, now, [silentMinutes], evidence),
    };
  }
  return { state };
}

/** Kinds whose rules are checked on their schedule by `tick`. */
export const SCHEDULED: ReadonlySet<Kind> = new Set<Kind>(["expiry", "silence"]);

function resetFor(rule: Rule, state: RuleState | undefined): RuleState {
  return { version: rule.version, seen: state?.seen ?? [], of: freshKindState(rule.condition) };
}

interface Step {
  of: KindState;
  fire?: { values: number[]; evidence: Evidence };
}

function take(rule: Rule, s: KindState, o: Observation): Step {
  const c = rule.condition;
  if (c.kind === "threshold" && s.kind === "threshold") {
    const x = o.type === "measurement" ? o.value : o.type === "stock-level" ? o.quantity : Number.NaN;
    return latch(s, compare(x, c.comparison, c.value), [x], {
      kind: "threshold",
      comparison: c.comparison,
      limit: c.value,
    });
  }
  if (c.kind === "stock-below-safety" && s.kind === "stock-below-safety" && o.type === "stock-level") {
    return latch(s, o.quantity < o.safetyLevel, [o.quantity], {
      kind: "stock-below-safety",
      quantity: o.quantity,
      safetyLevel: o.safetyLevel,
    });
  }
  if (c.kind === "spc" && s.kind === "spc" && o.type === "measurement") return takeSpc(c, s, o.value, Date.parse(o.at));
  if (c.kind === "ratio" && s.kind === "ratio" && o.type === "inspection") {
    const window = [...s.window, { receipt: o.receipt, passed: o.passed }].slice(-c.receipts);
    if (window.length < c.receipts) return { of: { ...s, window } };
    const rate = window.filter((r) => !r.passed).length / window.length;
    const above = rate > c.max;
    const of: KindState = { kind: "ratio", window, above };
    return above && !s.above
      ? { of, fire: { values: [rate], evidence: { kind: "ratio", max: c.max, window } } }
      : { of };
  }
  if (c.kind === "expiry" && s.kind === "expiry" && o.type === "expiry") {
    // A renewal (a new date) is warned about afresh; the warning for the old date is history.
    return { of: { ...s, expiresOn: o.expiresOn } };
  }
  if (c.kind === "silence" && s.kind === "silence") {
    const at = Date.parse(o.at);
    return { of: s.lastSeen !== null && s.lastSeen >= at ? s : { ...s, lastSeen: at } };
  }
  if (c.kind === "telemetry-alert" && s.kind === "telemetry-alert" && o.type === "telemetry-alert") {
    const wasOpen = s.open.includes(o.alertId);
    if (o.status === "cleared") return { of: wasOpen ? { ...s, open: s.open.filter((id) => id !== o.alertId) } : s };
    const counts =
      (c.alertKinds === undefined || c.alertKinds.includes(o.ruleKind)) &&
      (c.alertRules === undefined || c.alertRules.includes(o.rule)) &&
      GRADE_RANK[o.severity] >= GRADE_RANK[c.minSeverity];
    if (!counts || wasOpen) return { of: s };
    const evidence: Evidence = {
      kind: "telemetry-alert",
      alertId: o.alertId,
      rule: o.rule,
      ruleKind: o.ruleKind,
      severity: o.severity,
    };
    return { of: { ...s, open: [...s.open, o.alertId].slice(-OPEN_ALERTS) }, fire: { values: [], evidence } };
  }
  return { of: s };
}

const GRADE_RANK: Record<Grade, number> = { info: 0, warning: 1, critical: 2 };

function compare(x: number, op: "gt" | "gte" | "lt" | "lte", limit: number): boolean {
  switch (op) {
    case "gt":
      return x > limit;
    case "gte":
      return x >= limit;
    case "lt":
      return x < limit;
    case "lte":
      return x <= limit;
  }
}

function latch<S extends { kind: "threshold" | "stock-below-safety"; active: boolean }>(
  s: S,
  active: boolean,
  values: number[],
  evidence: Evidence,
): Step {
  const of = s.active === active ? s : { ...s, active };
  return active && !s.active ? { of, fire: { values, evidence } } : { of };
}

/**
 * One SPC point. Baseline points fix the limits and are not judged; a constant baseline (sigma 0)
 * rolls on, oldest point out, until the process shows variation. After that the point takes its
 * place by the time it was measured: events reach the handler in any order (EventBridge keeps
 * none), and a control chart is read in time order. A rule fires when the new point is part of a
 * violation not seen before: a violation is known by its rule and the time of its first point, so
 * a growing run fires once, each point beyond 3 sigma (rule 1) fires, and so does a falling run
 * that starts at the peak of a rising one; a run longer than the kept series has its start clipped
 * to the series' first point, and still counts as the same run. A point older than every kept one
 * is too late to judge and changes nothing.
 */
function takeSpc(
  c: Extract<Condition, { kind: "spc" }>,
  s: Extract<KindState, { kind: "spc" }>,
  value: number,
  at: number,
): Step {
  let limits = c.limits.from === "given" ? { mean: c.limits.mean, sigma: c.limits.sigma } : s.limits;
  if (limits === null) {
    if (c.limits.from !== "baseline") return { of: s };
    const baseline = [...s.baseline, value];
    if (baseline.length < c.limits.points) return { of: { ...s, baseline } };
    const sigma = estimateSigma(baseline, c.limits.estimator);
    if (!(sigma > 0 && Number.isFinite(sigma))) return { of: { ...s, baseline: baseline.slice(1) } };
    limits = { mean: mean(baseline), sigma };
    return { of: { ...s, baseline: [], limits } };
  }
  // Ordered by time, then value: the same points give the same series whatever order they came in.
  let pos = s.times.length;
  while (pos > 0 && (s.times[pos - 1]! > at || (s.times[pos - 1] === at && s.series[pos - 1]! > value))) pos--;
  const drop = Math.max(0, s.series.length + 1 - SPC_POINTS);
  if (pos < drop) return { of: s };
  const series = [...s.series.slice(0, pos), value, ...s.series.slice(pos)].slice(drop);
  const times = [...s.times.slice(0, pos), at, ...s.times.slice(pos)].slice(drop);
  const index = pos - drop;
  const violations = nelsonRules(series, limits, c.rules);
  const known = (v: Violation): [NelsonRule, number] => [v.rule, times[v.indices[0]!]!];
  const open = violations.map(known);
  const seen = ([rule, start]: [NelsonRule, number]) =>
    s.open.some(([r, st]) => r === rule && (st === start || (st < start && start === times[0])));
  const of: KindState = { ...s, series, times, open };
  if (violations.every((v) => !v.indices.includes(index) || seen(known(v)))) return { of };
  return { of, fire: { values: [value], evidence: { kind: "spc", limits, series, violations } } };
}

function lotOf(o: Observation): string | undefined {
  if (o.type === "measurement" || o.type === "inspection") return o.lot;
  return o.type === "expiry" && o.what === "lot" ? o.subjectId : undefined;
}

function firing(
  rule: Rule,
  subject: string,
  now: Date,
  values: number[],
  evidence: Evidence,
  eventId?: string,
  lot?: string,
): Firing {
  const f: Firing = {
    ruleId: rule.ruleId,
    ruleVersion: rule.version,
    name: rule.name,
    grade: rule.grade,
    owner: rule.owner,
    subject,
    at: now.toISOString(),
    values,
    evidence,
  };
  if (eventId !== undefined) f.eventId = eventId;
  if (lot !== undefined && rule.grade === "critical" && rule.holdLotOnCritical) f.holdLot = lot;
  return f;
}
