import { readFileSync } from "node:fs";
import { WARNING_SWEEP } from "@medloop/functions/capabilities/early-warning";
import { ProductionEvents, patternFor, setClockOffset } from "@medloop/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../test/eventually.ts";
import { busTap, restartTestPlatform, startTestPlatform, type TestPlatform } from "../test/platform.ts";

/**
 * The warning loop on the local platform (issue 15): inspection results posted by a qc-inspector
 * drift → the SPC rule fires → one alert (repeats bump it) → a task with the evidence → an in-app
 * notification and an e-mail in the local outbox; a replayed event and a restart change nothing
 * they should not; a passed deadline escalates; a critical lot rule holds the lot so it cannot be
 * picked for a shipment; bad rules are refused; another manufacturer sees and touches none of it.
 */
let p: TestPlatform;
const token: Record<string, string> = {};
const tapped: { "detail-type": string; source: string; detail: { data: { lotNo?: string } } }[] = [];
const CHARACTERISTIC = "Bore diameter";

beforeAll(async () => {
  p = await startTestPlatform({
    seed: "demo",
    extraRules: [busTap(patternFor(ProductionEvents.InspectionRecorded), tapped)],
  });
  await signIn();
});
afterAll(() => p?.stop());

async function signIn() {
  for (const role of ["qc-inspector", "quality-engineer", "admin", "warehouse"]) {
    token[role] = await p.login("acme-med", `${role}@acme-med.test`);
  }
  token.pulse = await p.login("pulse-medical", "quality-engineer@pulse-medical.test");
}

const call = (who: string, method: string, path: string, body?: unknown) =>
  p.call(method, path, { token: token[who], body });

const spcRule = {
  name: "Bore diameter drift",
  grade: "warning",
  subject: "inspection-characteristic",
  owner: { type: "role", role: "qc-inspector" },
  enabled: true,
  condition: {
    kind: "spc",
    characteristic: CHARACTERISTIC,
    limits: { from: "given", mean: 10, sigma: 0.1 },
    rules: [1],
  },
};

let orderId: string;
let sequence: number;
async function inspect(value: number) {
  const res = await call("qc-inspector", "POST", `/v1/production/orders/${orderId}/inspections`, {
    kind: "patrol",
    sequence,
    sampleSize: 1,
    measurements: [{ characteristic: CHARACTERISTIC, value, lower: 9, upper: 11, unit: "mm" }],
  });
  expect(res.status).toBe(201);
}

/** This suite's open alerts: the demo seed has raised one of its own (seed-early-warning.ts). */
const openAlerts = async () =>
  (await call("quality-engineer", "GET", "/v1/early-warning/alerts?status=open")).body.items.filter(
    (a: { ruleName: string }) => a.ruleName === spcRule.name,
  );
const mails = () =>
  readFileSync(p.mailOutbox, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { to: string[]; subject: string });

describe("rules as data", () => {
  it("refuses bad definitions with a typed error and writes nothing", async () => {
    const bad = [
      { ...spcRule, colour: "red" },
      { ...spcRule, condition: { ...spcRule.condition, limits: { from: "given", mean: 10, sigma: Number.NaN } } },
      {
        ...spcRule,
        subject: "device",
        condition: { kind: "silence", minutes: 30, schedule: "cron(0 0 30 2 ? *)" },
      },
    ];
    for (const body of bad) {
      const res = await call("quality-engineer", "POST", "/v1/early-warning/rules", body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid-input");
    }
    const foreignRole = await call("quality-engineer", "POST", "/v1/early-warning/rules", {
      ...spcRule,
      owner: { type: "role", role: "biomed-engineer" },
    });
    expect(foreignRole.status).toBe(422);
    expect(foreignRole.body.error.code).toBe("role-not-of-tenant-kind");
    const inspector = await call("qc-inspector", "POST", "/v1/early-warning/rules", spcRule);
    expect(inspector.status).toBe(403);
    const rules = (await call("quality-engineer", "GET", "/v1/early-warning/rules")).body.items;
    expect(rules.filter((r: { name: string }) => r.name === spcRule.name)).toEqual([]);
  });
});

describe("inspection results drift", () => {
  let ruleId: string;
  let alertId: string;

  it("raises one alert, a task with the evidence for the owner role, a notification and an e-mail", async () => {
    const created = await call("quality-engineer", "POST", "/v1/early-warning/rules", spcRule);
    expect(created.status).toBe(201);
    ruleId = created.body.ruleId;
    const orders = await call("quality-engineer", "GET", "/v1/production/orders?status=in-progress");
    orderId = orders.body.items[0].orderId;
    const order = await call("quality-engineer", "GET", `/v1/production/orders/${orderId}`);
    sequence = order.body.order.route.operations[0].sequence;

    for (const value of [10.02, 9.95, 10.05]) await inspect(value);
    await p.settled();
    expect(await openAlerts()).toEqual([]);

    await inspect(10.45);
    const [alert] = await eventually("the alert", async () => {
      const alerts = await openAlerts();
      return alerts.length ? alerts : undefined;
    });
    expect(alert).toMatchObject({ ruleId, grade: "warning", count: 1, level: 0, assignee: "role:qc-inspector" });
    alertId = alert.alertId;
    expect(alert.firing.evidence).toMatchObject({ kind: "spc", violations: [{ rule: 1, indices: [3] }] });

    const task = await eventually("the inspector's task", async () => {
      const { body } = await call("qc-inspector", "GET", "/v1/early-warning/tasks");
      return body.items[0];
    });
    expect(task).toMatchObject({ alertId, owner: "role:qc-inspector", deadline: alert.deadline, status: "open" });
    expect(task.evidence.firing.evidence.series).toEqual([10.02, 9.95, 10.05, 10.45]);
    const notes = await eventually("the notification", async () => {
      const { body } = await call("qc-inspector", "GET", "/v1/notifications");
      return body.items.length ? body.items : undefined;
    });
    expect(notes).toEqual([expect.objectContaining({ taskId: task.taskId, alertId, readAt: null })]);
    const read = await call("qc-inspector", "POST", `/v1/notifications/${notes[0].notificationId}/read`);
    expect(read.body.readAt).toEqual(expect.any(String));
    await eventually("the e-mail", async () =>
      mails().find((m) => m.to.includes("qc-inspector@acme-med.test") && m.subject.includes("Bore diameter")),
    );
  });

  it("a repeat bumps the open alert; a replayed event changes nothing", async () => {
    await inspect(9.5);
    await eventually("the repeat", async () => ((await openAlerts())[0]?.count === 2 ? true : undefined));
    await p.settled();
    const last = tapped.at(-1)!;
    await p.bus.putEvents([{ source: last.source, detailType: last["detail-type"], detail: last.detail }]);
    await p.settled();
    const alerts = await openAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ alertId, count: 2 });
    const { body } = await call("qc-inspector", "GET", "/v1/early-warning/tasks");
    expect(body.items).toHaveLength(1);
  });

  it("a restart in the middle of the series loses nothing", async () => {
    p = await restartTestPlatform(p);
    await signIn();
    await inspect(10.6);
    await eventually("the count after restart", async () => ((await openAlerts())[0]?.count === 3 ? true : undefined));
    const alert = (await call("quality-engineer", "GET", `/v1/early-warning/alerts/${alertId}`)).body;
    expect(alert.firing.evidence.series).toEqual([10.02, 9.95, 10.05, 10.45, 9.5, 10.6]);
  });

  it("escalates to the manager role when the deadline passes, with a new task and notification", async () => {
    try {
      setClockOffset(25 * 3_600_000);
      await p.scheduler.runNow(WARNING_SWEEP);
      await p.settled();
      const alert = (await call("quality-engineer", "GET", `/v1/early-warning/alerts/${alertId}`)).body;
      expect(alert).toMatchObject({ level: 1, assignee: "role:quality-engineer" });
      const task = await eventually("the engineer's task", async () => {
        const { body } = await call(
          "quality-engineer",
          "GET",
          "/v1/early-warning/tasks?view=role&role=quality-engineer",
        );
        return body.items[0];
      });
      expect(task).toMatchObject({ alertId, level: 1, deadline: alert.deadline });
      const own = await call("qc-inspector", "GET", "/v1/early-warning/tasks");
      expect(own.body.items).toEqual([]);
      const notes = (await call("quality-engineer", "GET", "/v1/notifications")).body.items.filter(
        (n: { alertId: string }) => n.alertId === alertId,
      );
      expect(notes).toEqual([expect.objectContaining({ taskId: task.taskId })]);
      // Not again before the new deadline.
      await p.scheduler.runNow(WARNING_SWEEP);
      await p.settled();
      expect((await call("quality-engineer", "GET", `/v1/early-warning/alerts/${alertId}`)).body.level).toBe(1);
    } finally {
      setClockOffset(0);
    }
  });

  it("another manufacturer sees none of it and cannot act on it", async () => {
    expect((await call("pulse", "GET", "/v1/early-warning/rules")).body.items).toEqual([]);
    expect((await call("pulse", "GET", "/v1/early-warning/alerts")).body.items).toEqual([]);
    expect((await call("pulse", "GET", `/v1/early-warning/rules/${ruleId}`)).status).toBe(404);
    expect((await call("pulse", "GET", `/v1/early-warning/alerts/${alertId}`)).status).toBe(404);
    const close = await call("pulse", "POST", `/v1/early-warning/alerts/${alertId}/close`, { reason: "not ours" });
    expect(close.status).toBe(404);
    expect((await call("quality-engineer", "GET", `/v1/early-warning/alerts/${alertId}`)).body.status).toBe("open");
  });

  it("closing the alert lets the rule raise a new one", async () => {
    const closed = await call("quality-engineer", "POST", `/v1/early-warning/alerts/${alertId}/close`, {
      reason: "spindle replaced",
    });
    expect(closed.body).toMatchObject({ status: "closed", closeReason: "spindle replaced" });
    await inspect(9.4);
    const [again] = await eventually("a new alert", async () => {
      const alerts = await openAlerts();
      return alerts.length ? alerts : undefined;
    });
    expect(again.alertId).not.toBe(alertId);
    expect(again.count).toBe(1);
  });
});

describe("a critical rule on a lot", () => {
  it("holds the lot, so it cannot be picked for a shipment", async () => {
    const get = async (path: string) => (await call("quality-engineer", "GET", path)).body;
    const pump = (await get("/v1/products")).items.find((x: { code: string }) => x.code === "IP-200");
    const material = (await get("/v1/materials")).items.find((m: { code: string }) => m.code === "IP-200");
    const lotPath = `/v1/inventory/materials/${material.materialId}/lots/IP200-2602`;
    expect((await get(lotPath)).lot.status).toBe("released");
    const rule = await call("quality-engineer", "POST", "/v1/early-warning/rules", {
      name: "Seal force out of limit",
      grade: "critical",
      subject: "lot",
      owner: { type: "role", role: "quality-engineer" },
      enabled: true,
      holdLotOnCritical: true,
      condition: { kind: "threshold", field: "measurement.value", match: "Seal force", comparison: "gt", value: 50 },
    });
    expect(rule.status).toBe(201);
    // A late inspection record of the received lot, as the bus carries it.
    const { InspectionRecorded } = ProductionEvents;
    await p.bus.putEvents([
      {
        source: InspectionRecorded.source,
        detailType: InspectionRecorded.detailType,
        detail: {
          id: crypto.randomUUID(),
          tenantId: "acme-med",
          occurredAt: new Date().toISOString(),
          actor: "system:test",
          data: {
            orderId: "retest",
            orderNo: "PO-RETEST",
            inspectionId: crypto.randomUUID(),
            kind: "sampling",
            sequence: 10,
            fgMaterialId: material.materialId,
            lotNo: "IP200-2602",
            result: "fail",
            measurements: [{ characteristic: "Seal force", value: 61, upper: 50, unit: "N", pass: false }],
          },
        },
      },
    ]);
    await p.settled();
    const held = await get(lotPath);
    expect(held.lot).toMatchObject({ status: "hold" });
    const alert = (await call("quality-engineer", "GET", "/v1/early-warning/alerts?status=open")).body.items.find(
      (a: { ruleId: string }) => a.ruleId === rule.body.ruleId,
    );
    expect(alert).toMatchObject({ subject: "lot:IP200-2602", grade: "critical", hold: { status: "held" } });
    expect(held.lot.holdReason).toContain(alert.alertId);

    const customers = (await call("warehouse", "GET", "/v1/customers")).body.items;
    const shipment = await call("warehouse", "POST", "/v1/shipments", {
      customerId: customers[0].customerId,
      reference: "SO-EW-1",
    });
    const pick = await call("warehouse", "POST", `/v1/shipments/${shipment.body.shipmentId}/lines`, {
      productId: pump.productId,
      serialNo: "IP200-2602-0005",
    });
    expect(pick.status).toBe(422);
    expect(pick.body.error.code).toBe("lot-on-hold");
  });
});

describe("backtest", () => {
  it("says where a rule would have fired, and stores nothing", async () => {
    const observations = [10, 10.1, 9.9, 10.5].map((value, i) => ({
      type: "measurement",
      eventId: `e${i}`,
      at: `2026-06-0${i + 1}T08:00:00Z`,
      characteristic: CHARACTERISTIC,
      value,
      unit: "mm",
    }));
    const res = await call("quality-engineer", "POST", "/v1/early-warning/backtest", { rule: spcRule, observations });
    expect(res.status).toBe(200);
    expect(res.body.firings).toEqual([expect.objectContaining({ eventId: "e3", values: [10.5] })]);
  });
});
