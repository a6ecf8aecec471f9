import type { PendingEvent } from "../db/commit.ts";
import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { assigneeAt, deadlineFrom } from "./escalation.ts";
import type { Firing } from "./evaluate.ts";
import { AlertEscalated, AlertRaised } from "./events.ts";
import type { Grade, Owner } from "./schema.ts";
import { Acknowledge, type Alert, AlertKey, AlertQuery, type AlertStatus, Close, type HoldOutcome } from "./views.ts";

/**
 * Alerts (EW-2): one open alert per rule and subject — a repeat bumps its counter and last-seen
 * time — graded, owned, with a deadline; a passed deadline escalates it one rung (escalation.ts).
 * Acknowledging an alert stops its escalation (someone is on it); its task keeps its deadline.
 */
export interface AlertItem {
  tenantId: string;
  alertId: string;
  ruleId: string;
  ruleVersion: number;
  ruleName: string;
  subject: string;
  grade: Grade;
  status: AlertStatus;
  owner: string;
  level: number;
  assignee: string;
  deadline: string;
  raisedAt: string;
  lastSeenAt: string;
  count: number;
  firing: string;
  hold?: string;
  statusBy?: string;
  statusAt?: string;
  closeReason?: string;
}

export const toAlert = (i: AlertItem): Alert => ({
  alertId: i.alertId,
  ruleId: i.ruleId,
  ruleVersion: i.ruleVersion,
  ruleName: i.ruleName,
  subject: i.subject,
  grade: i.grade,
  status: i.status,
  owner: JSON.parse(i.owner) as Owner,
  level: i.level,
  assignee: i.assignee,
  deadline: i.deadline,
  raisedAt: i.raisedAt,
  lastSeenAt: i.lastSeenAt,
  count: i.count,
  firing: JSON.parse(i.firing) as Record<string, unknown>,
  hold: i.hold ? (JSON.parse(i.hold) as HoldOutcome) : null,
  statusBy: i.statusBy ?? null,
  statusAt: i.statusAt ?? null,
  closeReason: i.closeReason ?? null,
});

// biome-ignore lint/suspicious/noExplicitAny: ElectroDB's transaction items are typed per entity
type Item = any;
type Entities = Parameters<Parameters<typeof commit>[0]["writes"]>[0];

/** What a firing adds to the transaction that stores its rule's new state. */
export interface AlertWrites {
  alertId: string;
  writes: (e: Entities) => Item[];
  events: PendingEvent[];
}

/**
 * The alert a firing raises, or the open one of its rule and subject bumped. Both guarded: a new
 * alert only while no open one exists (its slot is created with it), a bump only while the alert
 * is not closed; a guard that fails fails the whole transaction, and the caller evaluates again.
 */
export async function raiseOrBump(firing: Firing, hold?: HoldOutcome): Promise<AlertWrites> {
  const tenantId = useTenantId();
  const { ruleId, subject } = firing;
  const { data: open } = await Db.entities.ewOpenAlert.get({ tenantId, ruleId, subject }).go({ consistent: true });
  if (open) {
    const alertId = open.alertId;
    return {
      alertId,
      events: [],
      writes: (e) => [
        e.ewAlert
          .patch({ tenantId, alertId })
          .add({ count: 1 })
          .set({
            lastSeenAt: firing.at,
            ruleVersion: firing.ruleVersion,
            firing: JSON.stringify(firing),
            ...(hold && { hold: JSON.stringify(hold) }),
          })
          .where((a, op) => op.ne(a.status, "closed"))
          .commit(),
      ],
    };
  }
  const alertId = uuid();
  const assignee = assigneeAt(firing.owner, 0)!;
  const deadline = deadlineFrom(new Date(firing.at), firing.grade);
  const item: AlertItem = {
    tenantId,
    alertId,
    ruleId,
    ruleVersion: firing.ruleVersion,
    ruleName: firing.name,
    subject,
    grade: firing.grade,
    status: "open",
    owner: JSON.stringify(firing.owner),
    level: 0,
    assignee,
    deadline,
    raisedAt: firing.at,
    lastSeenAt: firing.at,
    count: 1,
    firing: JSON.stringify(firing),
    ...(hold && { hold: JSON.stringify(hold) }),
  };
  return {
    alertId,
    events: [
      emit(AlertRaised, {
        alertId,
        ruleId,
        ruleName: firing.name,
        subject,
        grade: firing.grade,
        level: 0,
        assignee,
        deadline,
      }),
    ],
    writes: (e) => [
      e.ewAlert.create(item).commit(),
      e.ewOpenAlert.create({ tenantId, ruleId, subject, alertId }).commit(),
    ],
  };
}

export async function find(alertId: string): Promise<AlertItem | undefined> {
  const { data } = await Db.entities.ewAlert.get({ tenantId: useTenantId(), alertId }).go({ consistent: true });
  return (data as AlertItem | null) ?? undefined;
}

async function load(alertId: string): Promise<AlertItem> {
  const alert = await find(alertId);
  if (!alert) throw notFound("alert-not-found", "No such alert in your organisation");
  return alert;
}

const STATUSES: AlertStatus[] = ["open", "acknowledged", "closed"];

/** The tenant's alerts, of a status (all when absent) and grade; earliest deadline first. */
export const list = fn(AlertQuery, async ({ status, grade }) => {
  const tenantId = useTenantId();
  const pages = await Promise.all(
    (status ? [status] : STATUSES).map((s) =>
      Db.entities.ewAlert.query.byStatus({ tenantId, status: s }).go({ pages: "all" }),
    ),
  );
  return pages
    .flatMap((p) => p.data as AlertItem[])
    .filter((a) => grade === undefined || a.grade === grade)
    .map(toAlert);
});

export const get = fn(AlertKey, async ({ alertId }) => toAlert(await load(alertId)));

export const acknowledge = fn(AlertKey.extend({ body: Acknowledge }), async ({ alertId }) => {
  const alert = await load(alertId);
  if (alert.status !== "open") throw conflict("alert-not-open", `The alert is ${alert.status}`);
  const change = { status: "acknowledged" as const, statusBy: actorId(), statusAt: nowIso() };
  return commit({
    writes: (e) => [
      e.ewAlert
        .patch({ tenantId: alert.tenantId, alertId })
        .set(change)
        .where((a, op) => op.eq(a.status, "open"))
        .commit(),
    ],
    result: toAlert({ ...alert, ...change }),
    conditionFailed: () => conflict("alert-not-open", "The alert changed at the same time; reload"),
  });
});

/** Closed with a reason; the rule and subject may raise a new alert from then on. */
export const close = fn(AlertKey.extend(Close.shape), async ({ alertId, reason }) => {
  const alert = await load(alertId);
  if (alert.status === "closed") throw conflict("alert-closed", "The alert is closed already");
  const change = { status: "closed" as const, statusBy: actorId(), statusAt: nowIso(), closeReason: reason };
  const { tenantId, ruleId, subject } = alert;
  return commit({
    writes: (e) => [
      e.ewAlert
        .patch({ tenantId, alertId })
        .set(change)
        .where((a, op) => op.eq(a.status, alert.status))
        .commit(),
      e.ewOpenAlert.delete({ tenantId, ruleId, subject }).commit(),
    ],
    result: toAlert({ ...alert, ...change }),
    conditionFailed: () => conflict("alert-closed", "The alert changed at the same time; reload"),
  });
});

/**
 * Every open alert whose deadline has passed moves one rung up with a new deadline, and the
 * dispatch handler gives the new assignee a task. An alert at the top rung stays where it is.
 */
export async function escalateOverdue(): Promise<number> {
  const tenantId = useTenantId();
  const now = nowIso();
  const { data } = await Db.entities.ewAlert.query
    .byStatus({ tenantId, status: "open" })
    .lt({ deadline: now })
    .go({ pages: "all" });
  let escalated = 0;
  for (const alert of data as AlertItem[]) {
    const level = alert.level + 1;
    const assignee = assigneeAt(JSON.parse(alert.owner) as Owner, level);
    if (!assignee) continue;
    const deadline = deadlineFrom(new Date(now), alert.grade);
    await commit({
      writes: (e) => [
        e.ewAlert
          .patch({ tenantId, alertId: alert.alertId })
          .set({ level, assignee, deadline })
          .where((a, op) => `${op.eq(a.level, alert.level)} AND ${op.eq(a.status, "open")}`)
          .commit(),
      ],
      events: [
        emit(AlertEscalated, {
          alertId: alert.alertId,
          ruleId: alert.ruleId,
          ruleName: alert.ruleName,
          subject: alert.subject,
          grade: alert.grade,
          level,
          assignee,
          deadline,
        }),
      ],
      result: undefined,
      // Acknowledged, closed or escalated meanwhile: the next sweep sees it as it is now.
      conditionFailed: () => conflict("alert-changed", "The alert changed during its escalation"),
    }).then(
      () => escalated++,
      (e: unknown) => {
        if (!(e instanceof Error && "code" in e && e.code === "alert-changed")) throw e;
      },
    );
  }
  return escalated;
}
