import { unprocessable } from "../errors/index.ts";
import { parseScheduleExpression } from "../util/schedule-expression.ts";
import { evaluate, type Firing, type RuleState, subjectOf, tick } from "./evaluate.ts";
import type { Observation, Rule } from "./schema.ts";

/** A backtest's scheduled checks are capped: a `rate(1 minute)` rule over a year is half a million. */
export const MAX_TICKS = 100_000;

/**
 * The firings a rule would have produced over past observations (the portal's "this rule would have
 * fired on these points last month"): the observations in time order, each evaluated at its own
 * time, and — for scheduled kinds — every run of the rule's schedule from the first observation up
 * to `until` (default: the last observation), checked before the observations of the same instant.
 */
export function backtest(rule: Rule, observations: readonly Observation[], until?: Date): Firing[] {
  const live = { ...rule, enabled: true };
  const sorted = observations.map((o, i) => ({ o, t: Date.parse(o.at), i })).sort((a, b) => a.t - b.t || a.i - b.i);
  const states = new Map<string, RuleState>();
  const fired: Firing[] = [];
  if (sorted.length === 0) return fired;

  const c = live.condition;
  const timing = "schedule" in c ? parseScheduleExpression(c.schedule) : undefined;
  const anchor = new Date(sorted[0]!.t);
  const end = until?.getTime() ?? sorted.at(-1)!.t;
  let nextTick = timing?.next(anchor, anchor);
  let ticks = 0;
  const tickUntil = (t: number) => {
    while (timing && nextTick && nextTick.getTime() <= t) {
      if (++ticks > MAX_TICKS) {
        throw unprocessable("backtest-too-many-ticks", `the schedule runs more than ${MAX_TICKS} times in this period`);
      }
      for (const [subject, state] of states) {
        const out = tick(live, state, subject, nextTick);
        states.set(subject, out.state);
        if (out.fired) fired.push(out.fired);
      }
      nextTick = timing.next(nextTick, anchor);
    }
  };

  for (const { o, t } of sorted) {
    tickUntil(t);
    const subject = subjectOf(live, o);
    if (subject === undefined) continue;
    const out = evaluate(live, states.get(subject), o, new Date(t));
    states.set(subject, out.state);
    if (out.fired) fired.push(out.fired);
  }
  tickUntil(end);
  return fired;
}
