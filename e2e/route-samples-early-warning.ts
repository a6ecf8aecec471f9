import { eventually } from "../test/eventually.ts";
import type { TestPlatform } from "../test/platform.ts";

/**
 * The security suite's samples for the early-warning routes, aimed at records of the victim
 * (acme-med) that no seed makes: `prepareWarningVictim` raises them through the API — a rule, an
 * inspection that fires it, the alert, its task and notification.
 */
export interface WarningVictim {
  ruleId: string;
  alertId: string;
  taskId: string;
  notificationId: string;
}

export const warningVictim = {} as WarningVictim;

const rule = {
  name: "Security sample gap",
  grade: "warning",
  subject: "inspection-characteristic",
  owner: { type: "role", role: "qc-inspector" },
  enabled: true,
  condition: { kind: "threshold", field: "measurement.value", match: "Sample gap", comparison: "gt", value: 1.5 },
};

export async function prepareWarningVictim(p: TestPlatform, signIn: (email: string) => Promise<string>) {
  const engineer = await signIn("quality-engineer@acme-med.test");
  const inspector = await signIn("qc-inspector@acme-med.test");
  const created = await p.call("POST", "/v1/early-warning/rules", { token: engineer, body: rule });
  const orders = await p.call("GET", "/v1/production/orders?status=in-progress", { token: engineer });
  const orderId = orders.body.items[0].orderId as string;
  const order = await p.call("GET", `/v1/production/orders/${orderId}`, { token: engineer });
  await p.call("POST", `/v1/production/orders/${orderId}/inspections`, {
    token: inspector,
    body: {
      kind: "patrol",
      sequence: order.body.order.route.operations[0].sequence,
      sampleSize: 1,
      measurements: [{ characteristic: "Sample gap", value: 1.8, upper: 2, unit: "mm" }],
    },
  });
  const note = await eventually("the victim's notification", async () => {
    const { body } = await p.call("GET", "/v1/notifications", { token: inspector });
    return body.items?.[0];
  });
  // The task's mail is marked sent after the notification: every effect has landed before the suite attacks.
  await p.settled();
  await p.settled();
  const task = await p.call("GET", `/v1/early-warning/tasks/${note.taskId}`, { token: inspector });
  Object.assign(warningVictim, {
    ruleId: created.body.ruleId,
    alertId: note.alertId,
    taskId: task.body.taskId,
    notificationId: note.notificationId,
  });
}

export const warningIds = (): string[] => Object.values(warningVictim);

const reason = "security test";
const ruleKey = () => ({ ruleId: warningVictim.ruleId });
const alert = () => ({ alertId: warningVictim.alertId });
const task = () => ({ taskId: warningVictim.taskId });

export const warningSamples: Record<string, () => { params?: Record<string, string>; body?: unknown }> = {
  "GET /v1/early-warning/rules": () => ({}),
  "POST /v1/early-warning/rules": () => ({ body: rule }),
  "GET /v1/early-warning/rules/{ruleId}": () => ({ params: ruleKey() }),
  "PUT /v1/early-warning/rules/{ruleId}": () => ({ params: ruleKey(), body: { ...rule, expectedVersion: 1, reason } }),
  "POST /v1/early-warning/rules/{ruleId}/enable": () => ({ params: ruleKey(), body: { expectedVersion: 1, reason } }),
  "POST /v1/early-warning/rules/{ruleId}/disable": () => ({ params: ruleKey(), body: { expectedVersion: 1, reason } }),
  "POST /v1/early-warning/backtest": () => ({
    body: {
      rule,
      observations: [
        {
          type: "measurement",
          eventId: "e1",
          at: "2026-06-01T08:00:00Z",
          characteristic: "Sample gap",
          value: 1.8,
          unit: "mm",
        },
      ],
    },
  }),
  "GET /v1/early-warning/alerts": () => ({}),
  "GET /v1/early-warning/alerts/{alertId}": () => ({ params: alert() }),
  "POST /v1/early-warning/alerts/{alertId}/acknowledge": () => ({ params: alert(), body: {} }),
  "POST /v1/early-warning/alerts/{alertId}/close": () => ({ params: alert(), body: { reason } }),
  "GET /v1/early-warning/tasks": () => ({}),
  "GET /v1/early-warning/tasks/{taskId}": () => ({ params: task() }),
  "POST /v1/early-warning/tasks/{taskId}/assign": () => ({
    params: task(),
    body: { to: { type: "role", role: "quality-engineer" }, reason },
  }),
  "POST /v1/early-warning/tasks/{taskId}/complete": () => ({
    params: task(),
    body: { resolution: "investigation", note: reason },
  }),
  "GET /v1/notifications": () => ({}),
  "POST /v1/notifications/{notificationId}/read": () => ({
    params: { notificationId: warningVictim.notificationId },
  }),
};
