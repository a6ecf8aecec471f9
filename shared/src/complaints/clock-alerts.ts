import { commit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { raiseOrBump } from "../early-warning/alerts.ts";
import type { Firing } from "../early-warning/evaluate.ts";
import { DomainError } from "../errors/index.ts";
import { now } from "../ports/clock.ts";
import { useTenantId } from "../tenant/context.ts";
import { stageAt } from "./clocks.ts";
import type { Clock } from "./schema.ts";
import { type CaseItem, clocksOf } from "./views.ts";

/**
 * Reporting clocks raise early-warning alerts (EW-2's alerts, tasks and escalation, not a parallel
 * machinery): a warning when a clock enters its warning horizon, a critical one when it is
 * overdue. Each clock remembers the stage it alerted for, written in the alert's transaction and
 * conditional on the case's revision, so a repeated sweep raises nothing twice; the alert slot
 * (one open alert per rule and subject) holds one alert per clock and stage even if two sweeps race.
 */
export const CLOCK_RULE_ID = "complaint-clock";
const OWNER = { type: "role", role: "quality-engineer" } as const;

export const subjectOf = (complaintId: string, regime: string, overdue: boolean) =>
  `complaint:${complaintId}:${regime}:${overdue ? "overdue" : "due-soon"}`;

function firingOf(item: CaseItem, clock: Clock, overdue: boolean, at: string): Firing {
  return {
    ruleId: CLOCK_RULE_ID,
    ruleVersion: 1,
    name: `${clock.regime === "fda-mdr" ? "FDA MDR" : "EU MDR"} report ${overdue ? "overdue" : "due soon"} (${item.model} ${item.serialNo})`,
    grade: overdue ? "critical" : "warning",
    owner: OWNER,
    subject: subjectOf(item.complaintId, clock.regime, overdue),
    at,
    values: [],
    evidence: {
      kind: "complaint-clock",
      complaintId: item.complaintId,
      regime: clock.regime,
      dueAt: clock.dueAt,
      overdue,
    },
  };
}

/** One case: every unsubmitted clock that reached a stage it has not alerted for. */
async function sweepCase(item: CaseItem): Promise<number> {
  const at = now();
  const clocks = clocksOf(item);
  const due = clocks
    .map((c) => ({ c, stage: stageAt(at, new Date(c.dueAt), { days: c.days, unit: c.unit }) }))
    .filter(({ c, stage }) => !c.submittedAt && stage > c.alerted);
  if (!due.length) return 0;
  const alerts = await Promise.all(
    due.map(({ c, stage }) => raiseOrBump(firingOf(item, c, stage === 2, at.toISOString()))),
  );
  const raised = new Map(due.map(({ c, stage }) => [c.regime, stage]));
  const next = clocks.map((c) => (raised.has(c.regime) ? { ...c, alerted: raised.get(c.regime)! } : c));
  const { tenantId, complaintId } = item;
  await commit({
    writes: (e) => [
      e.complaintCase
        .patch({ tenantId, complaintId })
        .set({ clocks: JSON.stringify(next), rev: item.rev + 1 })
        .where((a, op) => op.eq(a.rev, item.rev))
        .commit(),
      ...alerts.flatMap((a) => a.writes(e)),
    ],
    events: alerts.flatMap((a) => a.events),
    result: undefined,
  });
  return due.length;
}

/**
 * The sweep of one tenant: cases under investigation are the only ones with running clocks (a
 * decision moves a case there; the last submission moves it on). A case changed meanwhile is left
 * to the next sweep.
 */
export async function sweep(): Promise<number> {
  const { data } = await Db.entities.complaintCase.query
    .byStatus({ tenantId: useTenantId(), status: "under-investigation" })
    .go({ pages: "all" });
  let raised = 0;
  for (const item of data as CaseItem[]) {
    raised += await sweepCase(item).catch((e: unknown) => {
      if (e instanceof DomainError && e.kind === "conflict") return 0;
      throw e;
    });
  }
  return raised;
}
