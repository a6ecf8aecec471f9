import { z } from "zod";
import * as Schema from "../early-warning/schema.ts";
import * as Views from "../early-warning/views.ts";
import { RolesByKind } from "../tenant/schema.ts";
import { capability, route } from "./route.ts";

/**
 * Early warning (issue 15, EW-1..EW-4): rules as data, the alerts they raise, the tasks alerts
 * become, and each user's notifications. Manufacturers only. Quality reads and steers; a task or a
 * notification is open to whoever owns it, which may be any role a rule names.
 */
const kinds = ["manufacturer"] as const;
const readers = ["quality-engineer", "qc-inspector", "admin"] as const;
const ruleWriters = ["quality-engineer", "admin"] as const;
const everyone = RolesByKind.manufacturer;
const RuleView = Views.RuleView;

export const earlyWarning = capability({
  name: "early-warning",
  spec: ["EW-1", "EW-2", "EW-3", "EW-4"],
  resources: {
    warningRules: {
      listWarningRules: route({
        method: "GET",
        path: "/v1/early-warning/rules",
        summary: "Your organisation's early-warning rules",
        roles: readers,
        kinds,
        response: z.object({ items: z.array(RuleView) }),
      }),
      createWarningRule: route({
        method: "POST",
        path: "/v1/early-warning/rules",
        summary: "Create a rule (threshold, SPC, supplier reject rate, expiry, stock, silence, gateway alerts)",
        roles: ruleWriters,
        kinds,
        request: { body: Schema.CreateRuleBody },
        response: RuleView,
        status: 201,
        idempotent: true,
        errors: { 422: ["role-not-of-tenant-kind", "owner-not-found"] },
      }),
      getWarningRule: route({
        method: "GET",
        path: "/v1/early-warning/rules/{ruleId}",
        summary: "One rule with its versions: who changed it, when and why",
        roles: readers,
        kinds,
        request: { params: Views.RuleKey },
        response: Views.RuleWithHistory,
        errors: { 404: ["rule-not-found"] },
      }),
      updateWarningRule: route({
        method: "PUT",
        path: "/v1/early-warning/rules/{ruleId}",
        summary: "Replace a rule's definition: a new version, guarded by the one read, with a reason",
        roles: ruleWriters,
        kinds,
        request: { params: Views.RuleKey, body: Schema.UpdateRuleBody },
        response: RuleView,
        errors: {
          404: ["rule-not-found"],
          409: ["version-mismatch"],
          422: ["role-not-of-tenant-kind", "owner-not-found"],
        },
      }),
      enableWarningRule: route({
        method: "POST",
        path: "/v1/early-warning/rules/{ruleId}/enable",
        summary: "Enable a rule (a new version, with a reason)",
        roles: ruleWriters,
        kinds,
        request: { params: Views.RuleKey, body: Views.Toggle },
        response: RuleView,
        errors: { 404: ["rule-not-found"], 409: ["version-mismatch", "rule-enabled"] },
      }),
      disableWarningRule: route({
        method: "POST",
        path: "/v1/early-warning/rules/{ruleId}/disable",
        summary: "Disable a rule (a new version, with a reason)",
        roles: ruleWriters,
        kinds,
        request: { params: Views.RuleKey, body: Views.Toggle },
        response: RuleView,
        errors: { 404: ["rule-not-found"], 409: ["version-mismatch", "rule-disabled"] },
      }),
      backtestWarningRule: route({
        method: "POST",
        path: "/v1/early-warning/backtest",
        summary: "What a rule would have fired on these observations; nothing is stored",
        roles: ruleWriters,
        kinds,
        request: { body: Views.BacktestInput },
        response: Views.BacktestResult,
        errors: { 422: ["backtest-too-many-ticks"] },
      }),
    },
    warningAlerts: {
      listWarningAlerts: route({
        method: "GET",
        path: "/v1/early-warning/alerts",
        summary: "Alerts by status and grade, earliest deadline first",
        roles: readers,
        kinds,
        request: { query: Views.AlertQuery },
        response: z.object({ items: z.array(Views.Alert) }),
      }),
      getWarningAlert: route({
        method: "GET",
        path: "/v1/early-warning/alerts/{alertId}",
        summary: "One alert with the evidence of its latest firing",
        roles: readers,
        kinds,
        request: { params: Views.AlertKey },
        response: Views.Alert,
        errors: { 404: ["alert-not-found"] },
      }),
      acknowledgeWarningAlert: route({
        method: "POST",
        path: "/v1/early-warning/alerts/{alertId}/acknowledge",
        summary: "Acknowledge an open alert: someone is on it, and it stops escalating",
        roles: readers,
        kinds,
        request: { params: Views.AlertKey, body: Views.Acknowledge },
        response: Views.Alert,
        errors: { 404: ["alert-not-found"], 409: ["alert-not-open"] },
      }),
      closeWarningAlert: route({
        method: "POST",
        path: "/v1/early-warning/alerts/{alertId}/close",
        summary: "Close an alert with a reason; its rule may raise a new one for the subject from then on",
        roles: ruleWriters,
        kinds,
        request: { params: Views.AlertKey, body: Views.Close },
        response: Views.Alert,
        errors: { 404: ["alert-not-found"], 409: ["alert-closed"] },
      }),
    },
    warningTasks: {
      listWarningTasks: route({
        method: "GET",
        path: "/v1/early-warning/tasks",
        summary: "Open tasks: mine and my roles', one role's, or the overdue ones",
        roles: everyone,
        kinds,
        request: { query: Views.TaskQuery },
        response: z.object({ items: z.array(Views.Task) }),
        errors: { 403: ["not-your-role"] },
      }),
      getWarningTask: route({
        method: "GET",
        path: "/v1/early-warning/tasks/{taskId}",
        summary: "One task with its evidence",
        roles: everyone,
        kinds,
        request: { params: Views.TaskKey },
        response: Views.Task,
        errors: { 404: ["task-not-found"] },
      }),
      assignWarningTask: route({
        method: "POST",
        path: "/v1/early-warning/tasks/{taskId}/assign",
        summary: "Hand a task to another role or person, with a reason",
        roles: ruleWriters,
        kinds,
        request: { params: Views.TaskKey, body: Views.Assign },
        response: Views.Task,
        errors: { 403: ["cannot-assign"], 404: ["task-not-found"], 409: ["task-not-open"] },
      }),
      completeWarningTask: route({
        method: "POST",
        path: "/v1/early-warning/tasks/{taskId}/complete",
        summary: "Complete a task on a resolution path (investigation, change request, release decision)",
        roles: everyone,
        kinds,
        request: { params: Views.TaskKey, body: Views.Complete },
        response: Views.Task,
        errors: { 404: ["task-not-found"], 409: ["task-not-open"] },
      }),
    },
    notifications: {
      listNotifications: route({
        method: "GET",
        path: "/v1/notifications",
        summary: "My notifications, newest first",
        roles: everyone,
        kinds,
        response: z.object({ items: z.array(Views.Notification) }),
      }),
      readNotification: route({
        method: "POST",
        path: "/v1/notifications/{notificationId}/read",
        summary: "Mark one of my notifications read",
        roles: everyone,
        kinds,
        request: { params: Views.NotificationKey },
        response: Views.Notification,
        errors: { 404: ["notification-not-found"] },
      }),
    },
  },
});
