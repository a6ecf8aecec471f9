import { z } from "zod";
import { Reason } from "../tenant/schema.ts";
import { CreateRuleInput, Grade, Observation, Owner, RuleId } from "./schema.ts";

/**
 * What the early-warning API answers and takes besides the rule definitions (schema.ts): rules
 * with their history, alerts, tasks and notifications. Zod only: the portal imports these.
 */
const RuleDefinition = z.record(z.string(), z.unknown());

export const RuleVersion = z.object({
  version: z.number().int(),
  at: z.string(),
  by: z.string(),
  reason: z.string(),
});
export type RuleVersion = z.infer<typeof RuleVersion>;

export const RuleView = z.object({
  ruleId: z.string(),
  version: z.number().int(),
  name: z.string(),
  grade: Grade,
  subject: z.string(),
  owner: Owner,
  enabled: z.boolean(),
  holdLotOnCritical: z.boolean().optional(),
  condition: RuleDefinition,
  createdAt: z.string(),
  createdBy: z.string(),
  changedAt: z.string(),
  changedBy: z.string(),
});
export type RuleView = z.infer<typeof RuleView>;

export const RuleWithHistory = RuleView.extend({ history: z.array(RuleVersion) });

export const RuleKey = z.object({ ruleId: RuleId });
/** Enable or disable: a new version of the rule, guarded by the version it was read at, and why. */
export const Toggle = z.strictObject({ expectedVersion: z.number().int().min(1), reason: Reason });

export const BacktestInput = z.strictObject({
  rule: CreateRuleInput,
  observations: z.array(Observation).min(1).max(5000),
  /** Scheduled checks run up to here (default: the last observation). */
  until: z.iso.datetime({ offset: true }).optional(),
});
export const BacktestResult = z.object({
  firings: z.array(
    z.object({
      subject: z.string(),
      at: z.string(),
      eventId: z.string().optional(),
      values: z.array(z.number()),
      evidence: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const AlertStatus = z.enum(["open", "acknowledged", "closed"]);
export type AlertStatus = z.infer<typeof AlertStatus>;

export const HoldOutcome = z.object({
  materialId: z.string(),
  lotNo: z.string(),
  status: z.enum(["held", "already-on-hold", "not-in-stock"]),
});
export type HoldOutcome = z.infer<typeof HoldOutcome>;

export const Alert = z.object({
  alertId: z.string(),
  ruleId: z.string(),
  ruleVersion: z.number().int(),
  ruleName: z.string(),
  subject: z.string(),
  grade: Grade,
  status: AlertStatus,
  owner: Owner,
  level: z.number().int(),
  assignee: z.string(),
  deadline: z.string(),
  raisedAt: z.string(),
  lastSeenAt: z.string(),
  count: z.number().int(),
  /** The latest firing: the values, and the evidence (series with the violating points, limits, window). */
  firing: z.record(z.string(), z.unknown()),
  hold: HoldOutcome.nullable(),
  statusBy: z.string().nullable(),
  statusAt: z.string().nullable(),
  closeReason: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertKey = z.object({ alertId: z.uuid() });
export const AlertQuery = z.object({ status: AlertStatus.optional(), grade: Grade.optional() });
export const Acknowledge = z.strictObject({ reason: Reason.optional() }).optional();
export const Close = z.strictObject({ reason: Reason });

export const TaskStatus = z.enum(["open", "done", "superseded"]);
/** How a task was resolved; `nonconformance` is set when a report is raised from its alert. */
export const Resolution = z.enum([
  "investigation",
  "nonconformance",
  "change-request",
  "release-decision",
  "no-action",
]);
export type Resolution = z.infer<typeof Resolution>;

export const Task = z.object({
  taskId: z.string(),
  alertId: z.string(),
  level: z.number().int(),
  title: z.string(),
  grade: Grade,
  owner: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  status: TaskStatus,
  evidence: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  resolution: z.object({ path: Resolution, note: z.string(), by: z.string(), at: z.string() }).nullable(),
});
export type Task = z.infer<typeof Task>;

export const TaskKey = z.object({ taskId: z.uuid() });
/** `mine`: mine and my roles' open tasks; `role`: one role's; `overdue`: open ones past their deadline. */
export const TaskQuery = z.object({
  view: z.enum(["mine", "role", "overdue"]).default("mine"),
  role: z.string().optional(),
});
export const Assign = z.strictObject({ to: Owner, reason: Reason });
export const Complete = z.strictObject({ resolution: Resolution, note: Reason });

export const Notification = z.object({
  notificationId: z.string(),
  title: z.string(),
  body: z.string(),
  taskId: z.string(),
  alertId: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationKey = z.object({ notificationId: z.uuid() });
