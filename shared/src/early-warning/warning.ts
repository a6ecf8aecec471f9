import { commit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, DomainError } from "../errors/index.ts";
import { holdWith } from "../inventory/holds.ts";
import { now } from "../ports/clock.ts";
import { useTenantId } from "../tenant/context.ts";
import { type AlertWrites, escalateOverdue, raiseOrBump } from "./alerts.ts";
import { evaluate, type Outcome, type RuleState, SCHEDULED, subjectOf, tick } from "./evaluate.ts";
import { indexRules } from "./route.ts";
import { all } from "./rules.ts";
import type { Observation, Rule } from "./schema.ts";
import type { HoldOutcome } from "./views.ts";

/**
 * The warning handler's domain (EW-1, EW-2): observations in, each evaluated by the tenant's
 * enabled rules that read it against the stored state of (rule, subject); the new state, the alert
 * a firing raises or bumps, its event and a lot hold it asks for commit in one transaction,
 * conditional on the state's revision. A replayed event leaves the state as it was (the evaluator
 * remembers event ids), so nothing is written and nothing fires twice.
 */
const ATTEMPTS = 5;

interface Stored {
  rev: number;
  raw: string;
  state: RuleState;
}

async function readState(ruleId: string, subject: string): Promise<Stored | undefined> {
  const { data } = await Db.entities.ewState.get({ tenantId: useTenantId(), ruleId, subject }).go({ consistent: true });
  return data ? { rev: data.rev, raw: data.state, state: JSON.parse(data.state) as RuleState } : undefined;
}

/** Lost the race for a state, an alert slot or a lot: read again and evaluate again. */
const stale = () => conflict("warning-state-stale", "The evaluation state changed at the same time");
const isStale = (e: unknown) =>
  e instanceof DomainError && (e.code === "warning-state-stale" || e.code === "concurrent-change");

export type Step = (state: RuleState | undefined) => Outcome | undefined;

/** One rule and subject: evaluate, then commit what changed; retried when another writer won. */
async function apply(rule: Rule, subject: string, step: Step, lotMaterialId?: string): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const stored = await readState(rule.ruleId, subject);
    const out = step(stored?.state);
    if (!out) return false;
    const raw = JSON.stringify(out.state);
    if (!out.fired && stored?.raw === raw) return false;
    try {
      await store(rule, subject, stored, raw, out, lotMaterialId);
      return out.fired !== undefined;
    } catch (e) {
      if (!isStale(e) || attempt === ATTEMPTS) throw e;
    }
  }
}

async function store(
  rule: Rule,
  subject: string,
  stored: Stored | undefined,
  raw: string,
  out: Outcome,
  lotMaterialId: string | undefined,
): Promise<void> {
  const tenantId = useTenantId();
  const rev = (stored?.rev ?? 0) + 1;
  const stateWrite = (e: Parameters<AlertWrites["writes"]>[0]) =>
    stored
      ? e.ewState
          .patch({ tenantId, ruleId: rule.ruleId, subject })
          .set({ rev, state: raw })
          .where((a, op) => op.eq(a.rev, stored.rev))
          .commit()
      : e.ewState.create({ tenantId, ruleId: rule.ruleId, subject, rev, state: raw }).commit();
  const fired = out.fired;
  if (!fired) {
    await commit({ writes: (e) => [stateWrite(e)], result: undefined, conditionFailed: stale });
    return;
  }
  const lot = fired.holdLot && lotMaterialId ? { materialId: lotMaterialId, lotNo: fired.holdLot } : undefined;
  if (lot) {
    const alert = await raiseOrBump(fired, { ...lot, status: "held" });
    const held = await holdWith(
      { ...lot, reason: `Early warning: rule "${rule.name}" raised alert ${alert.alertId}` },
      { writes: (e) => [stateWrite(e), ...alert.writes(e)], events: alert.events, failed: stale },
    ).then(
      () => true,
      (e: unknown) => {
        if (e instanceof DomainError && (e.code === "lot-not-found" || e.code === "lot-on-hold")) return e.code;
        throw e;
      },
    );
    if (held === true) return;
    const outcome: HoldOutcome = { ...lot, status: held === "lot-on-hold" ? "already-on-hold" : "not-in-stock" };
    const unheld = await raiseOrBump(fired, outcome);
    await commit({
      writes: (e) => [stateWrite(e), ...unheld.writes(e)],
      events: unheld.events,
      result: undefined,
      conditionFailed: stale,
    });
    return;
  }
  const alert = await raiseOrBump(fired);
  await commit({
    writes: (e) => [stateWrite(e), ...alert.writes(e)],
    events: alert.events,
    result: undefined,
    conditionFailed: stale,
  });
}

/** Observations of one tenant's event through its enabled rules; how many rules fired. */
export async function observe(observations: readonly Observation[], lotMaterialId?: string): Promise<number> {
  const rules = await all();
  const since = new Map(rules.map((r) => [r.ruleId, Date.parse(r.createdAt)]));
  const index = indexRules(rules);
  let fired = 0;
  for (const o of observations) {
    for (const rule of index.rulesFor(o)) {
      // A rule watches from its creation on: what was measured before is for its backtest. (Events
      // arrive late and in any order, so a new rule would otherwise judge last year's data.)
      if (Date.parse(o.at) < since.get(rule.ruleId)!) continue;
      const subject = subjectOf(rule, o);
      if (subject === undefined) continue;
      if (await apply(rule, subject, (s) => evaluate(rule, s, o, now()), lotMaterialId)) fired++;
    }
  }
  return fired;
}

/**
 * The scheduled sweep of one tenant: time-based rules (expiry horizons, silent devices) checked
 * for every subject they hold a state for, then overdue alerts escalated. It runs every few
 * minutes, more often than any rule's own schedule asks: a check repeated early finds nothing new,
 * because a firing is latched in the state.
 */
export async function sweep(): Promise<{ fired: number; escalated: number }> {
  const tenantId = useTenantId();
  let fired = 0;
  for (const rule of (await all()).filter((r) => r.enabled && SCHEDULED.has(r.condition.kind))) {
    const { data } = await Db.entities.ewState.query
      .byRuleSubject({ tenantId, ruleId: rule.ruleId })
      .go({ pages: "all" });
    for (const { subject } of data) {
      const at = now();
      if (await apply(rule, subject, (s) => (s ? tick(rule, s, subject, at) : undefined))) fired++;
    }
  }
  return { fired, escalated: await escalateOverdue() };
}
