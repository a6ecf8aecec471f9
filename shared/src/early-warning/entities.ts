import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";

/**
 * Early warning's records (issue 15): rules with their version history, the evaluation state of
 * each rule and subject, alerts (one open per rule and subject, held by a slot item), the tasks
 * alerts become, and in-app notifications. Every key starts with the tenant.
 */
const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

/** A tenant's rule as it stands now (EW-4): its fields as JSON, guarded by `version`. */
export const RuleEntity = defineEntity({
  model: model("ewRule"),
  attributes: {
    ...changeAttributes,
    ruleId: { type: "string", required: true, readOnly: true },
    version: { type: "number", required: true },
    /** The rule's fields (schema.ts `Rule` without id and version), as JSON. */
    definition: { type: "string", required: true },
    enabled: { type: "boolean", required: true },
    createdAt: { type: "string", required: true, readOnly: true },
    createdBy: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    // The tenant's rules: the warning handler reads them all to route an observation
    byRule: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("ew-rules"), casing: "none" },
      sk: { field: "sk", composite: ["ruleId"], template: "rule#${ruleId}", casing: "none" },
    },
  },
});

/** Every version a rule had: who changed it, when and why, and what it was (never changed after). */
export const RuleVersionEntity = defineEntity({
  model: model("ewRuleVersion"),
  attributes: {
    ...changeAttributes,
    ruleId: { type: "string", required: true, readOnly: true },
    version: { type: "number", required: true, readOnly: true },
    definition: { type: "string", required: true, readOnly: true },
    by: { type: "string", required: true, readOnly: true },
    at: { type: "string", required: true, readOnly: true },
    reason: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    // A rule's history, oldest first
    byVersion: {
      pk: { field: "pk", composite: ["tenantId", "ruleId"], template: tenantKey("ew-rule#${ruleId}"), casing: "none" },
      sk: { field: "sk", composite: ["version"], template: "v#${version}", casing: "none" },
    },
  },
});

/**
 * The evaluator's state of one rule and subject (evaluate.ts `RuleState` as JSON). `rev` goes up by
 * one on every write and each write is conditional on the `rev` it read: two events evaluated at
 * once cannot both win, the loser re-reads and evaluates again.
 */
export const RuleStateEntity = defineEntity({
  model: model("ewState"),
  attributes: {
    ...changeAttributes,
    ruleId: { type: "string", required: true, readOnly: true },
    subject: { type: "string", required: true, readOnly: true },
    rev: { type: "number", required: true },
    state: { type: "string", required: true },
  },
  indexes: {
    // A rule's states by subject: the scheduled sweep ticks each of them
    byRuleSubject: {
      pk: {
        field: "pk",
        composite: ["tenantId", "ruleId"],
        template: tenantKey("ew-state#${ruleId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: ["subject"], template: "s#${subject}", casing: "none" },
    },
  },
});

/**
 * The one open (not closed) alert of a rule and subject (EW-2). Created with the alert and deleted
 * when it closes, both in the alert's transaction: a second alert for the same rule and subject
 * cannot be created while it exists.
 */
export const OpenAlertEntity = defineEntity({
  model: model("ewOpenAlert"),
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    ruleId: { type: "string", required: true, readOnly: true },
    subject: { type: "string", required: true, readOnly: true },
    alertId: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byRuleSubject: {
      pk: {
        field: "pk",
        composite: ["tenantId", "ruleId", "subject"],
        template: tenantKey("ew-open#${ruleId}#${subject}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "open", casing: "none" },
    },
  },
});

const ALERT_STATUS = ["open", "acknowledged", "closed"] as const;
const GRADE = ["info", "warning", "critical"] as const;

export const AlertEntity = defineEntity({
  model: model("ewAlert"),
  attributes: {
    ...changeAttributes,
    alertId: { type: "string", required: true, readOnly: true },
    ruleId: { type: "string", required: true, readOnly: true },
    ruleVersion: { type: "number", required: true },
    ruleName: { type: "string", required: true },
    subject: { type: "string", required: true, readOnly: true },
    grade: { type: GRADE, required: true },
    status: { type: ALERT_STATUS, required: true },
    /** JSON of the rule's owner (schema.ts `Owner`): who the first task goes to. */
    owner: { type: "string", required: true },
    /** 0 at the owner; each passed deadline moves it one rung up (escalation.ts). */
    level: { type: "number", required: true },
    /** The role the current level's task is assigned to, or the named owner at level 0. */
    assignee: { type: "string", required: true },
    deadline: { type: "string", required: true },
    raisedAt: { type: "string", required: true, readOnly: true },
    lastSeenAt: { type: "string", required: true },
    count: { type: "number", required: true },
    /** JSON of the firing that raised it: values and evidence (evaluate.ts `Firing`). */
    firing: { type: "string", required: true },
    /** What became of the lot hold a critical firing asked for. */
    hold: { type: "string" },
    statusBy: { type: "string" },
    statusAt: { type: "string" },
    closeReason: { type: "string" },
  },
  indexes: {
    byAlert: {
      pk: {
        field: "pk",
        composite: ["tenantId", "alertId"],
        template: tenantKey("ew-alert#${alertId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "alert", casing: "none" },
    },
    // The tenant's alerts by status, oldest deadline first: the inbox, and the sweep's overdue ones
    byStatus: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "status"],
        template: tenantKey("ew-alerts#${status}"),
        casing: "none",
      },
      sk: { field: "gsi1sk", composite: ["deadline", "alertId"], template: "${deadline}#${alertId}", casing: "none" },
    },
  },
});

const TASK_STATUS = ["open", "done", "superseded"] as const;

/** A task an alert became at one escalation level (EW-3); its id is derived from the alert and level. */
export const TaskEntity = defineEntity({
  model: model("ewTask"),
  attributes: {
    ...changeAttributes,
    taskId: { type: "string", required: true, readOnly: true },
    alertId: { type: "string", required: true, readOnly: true },
    level: { type: "number", required: true, readOnly: true },
    title: { type: "string", required: true },
    grade: { type: GRADE, required: true },
    /** `role:<role>` or `user:<userId>`. */
    owner: { type: "string", required: true },
    deadline: { type: "string", required: true },
    status: { type: TASK_STATUS, required: true },
    /** JSON: the firing (series, violating points, limits) and the rule and subject it is about. */
    evidence: { type: "string", required: true },
    createdAt: { type: "string", required: true, readOnly: true },
    resolution: { type: "string" },
    resolvedBy: { type: "string" },
    resolvedAt: { type: "string" },
    /** When its e-mail went out (sent after the commit, so a retry knows whether to send it). */
    mailedAt: { type: "string" },
  },
  indexes: {
    byTask: {
      pk: { field: "pk", composite: ["tenantId", "taskId"], template: tenantKey("ew-task#${taskId}"), casing: "none" },
      sk: { field: "sk", composite: [], template: "task", casing: "none" },
    },
    // Tasks of an owner (a role or a user) by status, earliest deadline first: "mine", "my role's", "overdue"
    byOwner: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "owner", "status"],
        template: tenantKey("ew-tasks#${owner}#${status}"),
        casing: "none",
      },
      sk: { field: "gsi1sk", composite: ["deadline", "taskId"], template: "${deadline}#${taskId}", casing: "none" },
    },
  },
});

/** An in-app notification to one user (a role's notifications are fanned out to its users). */
export const NotificationEntity = defineEntity({
  model: model("ewNotification"),
  attributes: {
    ...changeAttributes,
    userId: { type: "string", required: true, readOnly: true },
    notificationId: { type: "string", required: true, readOnly: true },
    title: { type: "string", required: true },
    body: { type: "string", required: true },
    taskId: { type: "string", required: true },
    alertId: { type: "string", required: true },
    createdAt: { type: "string", required: true, readOnly: true },
    readAt: { type: "string" },
  },
  indexes: {
    // A user's notifications
    byUser: {
      pk: { field: "pk", composite: ["tenantId", "userId"], template: tenantKey("ew-notes#${userId}"), casing: "none" },
      sk: { field: "sk", composite: ["notificationId"], template: "n#${notificationId}", casing: "none" },
    },
  },
});
