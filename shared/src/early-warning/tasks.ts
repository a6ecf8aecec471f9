import { createHash } from "node:crypto";
import { commit, isConditionFailed } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, forbidden, notFound } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { actorId, useActor, useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { type AlertItem, find as findAlert, toAlert } from "./alerts.ts";
import { type Assignee, assigneeOf } from "./escalation.ts";
import {
  Assign,
  Complete,
  type Notification,
  NotificationKey,
  type Resolution,
  type Task,
  TaskKey,
  TaskQuery,
} from "./views.ts";

/**
 * Tasks (EW-3): each alert becomes a task at every level it reaches — for the owner, then for
 * whoever it escalates to — with the deadline and the evidence of the firing. The dispatch handler
 * makes them; their owners assign and complete them with a resolution path.
 */
export interface TaskItem {
  tenantId: string;
  taskId: string;
  alertId: string;
  level: number;
  title: string;
  grade: "info" | "warning" | "critical";
  owner: string;
  deadline: string;
  status: "open" | "done" | "superseded";
  evidence: string;
  createdAt: string;
  resolution?: string;
  resolvedBy?: string;
  resolvedAt?: string;
  mailedAt?: string;
}

const toTask = (i: TaskItem, at = nowIso()): Task => ({
  taskId: i.taskId,
  alertId: i.alertId,
  level: i.level,
  title: i.title,
  grade: i.grade,
  owner: i.owner,
  deadline: i.deadline,
  overdue: i.status === "open" && i.deadline < at,
  status: i.status,
  evidence: JSON.parse(i.evidence) as Record<string, unknown>,
  createdAt: i.createdAt,
  resolution:
    i.resolution && i.resolvedBy && i.resolvedAt
      ? { ...(JSON.parse(i.resolution) as { path: never; note: string }), by: i.resolvedBy, at: i.resolvedAt }
      : null,
});

/**
 * The id of an alert's task at a level, and of the notifications it sends: derived, not minted,
 * so a redelivered event finds the task it made instead of making another.
 */
export function derivedId(...parts: (string | number)[]): string {
  const h = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const taskIdOf = (alertId: string, level: number) => derivedId("task", alertId, level);

/** Who a task reaches: its owner user, or every active user holding its owner role. */
async function recipients(owner: string): Promise<{ userId: string; email: string; name: string }[]> {
  const { data } = await Db.entities.user.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  return data
    .filter((u) => u.status !== "disabled")
    .filter((u) =>
      owner.startsWith("user:") ? `user:${u.userId}` === owner : u.roles.includes(owner.slice(5) as never),
    )
    .map((u) => ({ userId: u.userId, email: u.email, name: u.name }));
}

type Entities = Parameters<Parameters<typeof commit>[0]["writes"]>[0];

/** One transaction holds at most 100 items: a role's notifications are capped well below. */
const MAX_RECIPIENTS = 90;

export interface Dispatched {
  task: Task;
  /** The e-mail still to send (none when it was sent before): to whom, and what. */
  mail?: { to: string[]; subject: string; text: string };
}

/**
 * The task of an alert at a level, with a notification to each person it reaches, made once: a
 * replay of the event finds the task and answers it, with the mail again only if it was never sent.
 * An event overtaken by a later escalation, or about a closed alert, makes nothing.
 */
export async function dispatch(alertId: string, level: number): Promise<Dispatched | undefined> {
  const tenantId = useTenantId();
  const alert = await findAlert(alertId);
  if (!alert || alert.level !== level || alert.status === "closed") return undefined;
  const taskId = taskIdOf(alertId, level);
  const existing = await findTask(taskId);
  if (existing) return { task: toTask(existing), mail: existing.mailedAt ? undefined : await mailOf(existing) };
  const at = nowIso();
  const view = toAlert(alert);
  const item: TaskItem = {
    tenantId,
    taskId,
    alertId,
    level,
    title: titleOf(alert),
    grade: alert.grade,
    owner: alert.assignee,
    deadline: alert.deadline,
    status: "open",
    evidence: JSON.stringify({
      rule: { ruleId: alert.ruleId, name: alert.ruleName },
      subject: alert.subject,
      firing: view.firing,
      hold: view.hold,
    }),
    createdAt: at,
  };
  const people = (await recipients(alert.assignee)).slice(0, MAX_RECIPIENTS);
  const previous = level > 0 ? await findTask(taskIdOf(alertId, level - 1)) : undefined;
  await commit({
    writes: (e) => [
      e.ewTask.create(item).commit(),
      ...(previous?.status === "open"
        ? [
            e.ewTask
              .patch({ tenantId, taskId: previous.taskId })
              .set({ status: "superseded", owner: previous.owner })
              .where((a, op) => op.eq(a.status, "open"))
              .commit(),
          ]
        : []),
      ...people.map((p) =>
        e.ewNotification
          .create({
            tenantId,
            userId: p.userId,
            notificationId: derivedId("note", taskId, p.userId),
            title: item.title,
            body: bodyOf(alert, level),
            taskId,
            alertId,
            createdAt: at,
          })
          .commit(),
      ),
    ],
    result: undefined,
    conditionFailed: () => conflict("task-exists", "The task was made at the same time"),
  }).catch((e: unknown) => {
    if (!(e instanceof Error && "code" in e && e.code === "task-exists")) throw e;
  });
  return { task: toTask(item), mail: await mailOf(item, people) };
}

const titleOf = (a: AlertItem) => `[${a.grade}] ${a.ruleName}: ${a.subject}`;
const bodyOf = (a: AlertItem, level: number) =>
  level === 0
    ? `Alert raised ${a.raisedAt}; respond by ${a.deadline}.`
    : `Escalated to you (level ${level}): nobody acted before the deadline. Respond by ${a.deadline}.`;

/** The mail a task sends to the people it reaches, when it reaches anyone with an address. */
async function mailOf(task: TaskItem, people?: { email: string }[]): Promise<Dispatched["mail"]> {
  const to = (people ?? (await recipients(task.owner))).map((p) => p.email);
  return to.length
    ? { to, subject: task.title, text: `${task.title}\nDeadline: ${task.deadline}\nTask: ${task.taskId}` }
    : undefined;
}

/** The task's mail went out: a replay of its event does not send it again. */
export async function markMailed(taskId: string): Promise<void> {
  await Db.entities.ewTask.patch({ tenantId: useTenantId(), taskId }).set({ mailedAt: nowIso() }).go();
}

async function findTask(taskId: string): Promise<TaskItem | undefined> {
  const { data } = await Db.entities.ewTask.get({ tenantId: useTenantId(), taskId }).go({ consistent: true });
  return (data as TaskItem | null) ?? undefined;
}

/** The owners the caller answers for: themself and each of their roles. */
export function mine(): Assignee[] {
  const actor = useActor();
  return actor.type === "user" ? [`user:${actor.userId}`, ...actor.roles.map((r): Assignee => `role:${r}`)] : [];
}

/** Quality engineering and the admin see and steer every task; anyone else, their own and their roles'. */
const STEERS = ["quality-engineer", "admin"];
export const steers = () => {
  const actor = useActor();
  return actor.type === "user" && actor.roles.some((r) => STEERS.includes(r));
};

async function ofOwner(owner: string): Promise<TaskItem[]> {
  const { data } = await Db.entities.ewTask.query
    .byOwner({ tenantId: useTenantId(), owner, status: "open" })
    .go({ pages: "all" });
  return data as TaskItem[];
}

export const list = fn(TaskQuery, async ({ view, role }) => {
  const at = nowIso();
  if (view === "role") {
    const owner = `role:${role ?? ""}`;
    if (!steers() && !mine().includes(owner as Assignee)) throw forbidden("not-your-role", "You do not hold that role");
    return (await ofOwner(owner)).map((t) => toTask(t, at));
  }
  const owners = view === "overdue" && steers() ? await allOwners() : mine();
  const tasks = (await Promise.all(owners.map(ofOwner))).flat();
  return tasks
    .filter((t) => view !== "overdue" || t.deadline < at)
    .sort((a, b) => a.deadline.localeCompare(b.deadline))
    .map((t) => toTask(t, at));
});

/** Every owner a task can have in this tenant: its users and its roles (the overdue board of quality). */
async function allOwners(): Promise<string[]> {
  const { data } = await Db.entities.user.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  return [...new Set(data.flatMap((u) => [`user:${u.userId}`, ...u.roles.map((r) => `role:${r}`)]))];
}

/** A task the caller may see: theirs, their role's, or any when they steer tasks. */
async function visible(taskId: string): Promise<TaskItem> {
  const task = await findTask(taskId);
  if (!task || !(steers() || mine().includes(task.owner as Assignee))) {
    throw notFound("task-not-found", "No such task of yours");
  }
  return task;
}

export const get = fn(TaskKey, async ({ taskId }) => toTask(await visible(taskId)));

/** Hand a task to another role or person (quality engineering or the admin), with a reason. */
export const assign = fn(TaskKey.extend(Assign.shape), async ({ taskId, to }) => {
  const task = await visible(taskId);
  if (!steers()) throw forbidden("cannot-assign", "Only quality engineering or an admin assigns tasks");
  if (task.status !== "open") throw conflict("task-not-open", `The task is ${task.status}`);
  const owner = assigneeOf(to);
  return commit({
    writes: (e) => [
      e.ewTask
        .patch({ tenantId: task.tenantId, taskId })
        .set({ owner, status: "open" })
        .where((a, op) => `${op.eq(a.status, "open")} AND ${op.eq(a.owner, task.owner)}`)
        .commit(),
    ],
    result: toTask({ ...task, owner }),
    conditionFailed: () => conflict("task-not-open", "The task changed at the same time; reload"),
  });
});

/** Done, on a resolution path (investigation, change request, release decision), with a note. */
export const complete = fn(TaskKey.extend(Complete.shape), async ({ taskId, resolution, note }) => {
  const task = await visible(taskId);
  if (task.status !== "open") throw conflict("task-not-open", `The task is ${task.status}`);
  const change = {
    status: "done" as const,
    owner: task.owner,
    resolution: JSON.stringify({ path: resolution, note }),
    resolvedBy: actorId(),
    resolvedAt: nowIso(),
  };
  return commit({
    writes: (e) => [
      e.ewTask
        .patch({ tenantId: task.tenantId, taskId })
        .set(change)
        .where((a, op) => op.eq(a.status, "open"))
        .commit(),
    ],
    result: toTask({ ...task, ...change }),
    conditionFailed: () => conflict("task-not-open", "The task changed at the same time; reload"),
  });
});

/**
 * The write that completes an alert's open task at its current level, for the transaction of the
 * record that answers it (a nonconformance raised from the alert): none when no task is open.
 */
export async function completionWrite(alertId: string, level: number, resolution: Resolution, note: string) {
  const task = await findTask(taskIdOf(alertId, level));
  if (task?.status !== "open") return undefined;
  const change = {
    status: "done" as const,
    owner: task.owner,
    resolution: JSON.stringify({ path: resolution, note }),
    resolvedBy: actorId(),
    resolvedAt: nowIso(),
  };
  return (e: Entities) =>
    e.ewTask
      .patch({ tenantId: task.tenantId, taskId: task.taskId })
      .set(change)
      .where((a, op) => op.eq(a.status, "open"))
      .commit();
}

interface NotificationItem {
  tenantId: string;
  userId: string;
  notificationId: string;
  title: string;
  body: string;
  taskId: string;
  alertId: string;
  createdAt: string;
  readAt?: string;
}

const toNotification = (n: NotificationItem): Notification => ({
  notificationId: n.notificationId,
  title: n.title,
  body: n.body,
  taskId: n.taskId,
  alertId: n.alertId,
  createdAt: n.createdAt,
  readAt: n.readAt ?? null,
});

const me = () => {
  const actor = useActor();
  if (actor.type !== "user") throw forbidden("not-a-user", "Notifications belong to users");
  return actor.userId;
};

/** The caller's notifications, newest first. */
export async function notifications(): Promise<Notification[]> {
  const { data } = await Db.entities.ewNotification.query
    .byUser({ tenantId: useTenantId(), userId: me() })
    .go({ pages: "all" });
  return (data as NotificationItem[]).map(toNotification).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export const markRead = fn(NotificationKey, async ({ notificationId }) => {
  const key = { tenantId: useTenantId(), userId: me(), notificationId };
  const readAt = nowIso();
  try {
    const { data } = await Db.entities.ewNotification.patch(key).set({ readAt }).go({ response: "all_new" });
    return toNotification(data as NotificationItem);
  } catch (e) {
    if (isConditionFailed(e)) throw notFound("notification-not-found", "No such notification of yours");
    throw e;
  }
});
