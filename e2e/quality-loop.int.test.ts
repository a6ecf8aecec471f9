import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../test/eventually.ts";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";

/**
 * The quality loop end to end on the local platform (issue 15, QM-2): inspection results drift →
 * the rule's alert → its task → a nonconformance report raised from the alert (its task completed
 * by it) → a CAPA on the report: root cause, an action its owner finishes, a signed effectiveness
 * check, a signed closure — every step in the audit trail, and the chain verifying after.
 */
let p: TestPlatform;
const token: Record<string, string> = {};
const CHARACTERISTIC = "Seal force";

beforeAll(async () => {
  p = await startTestPlatform({ seed: "demo" });
  for (const role of ["qc-inspector", "quality-engineer", "operator", "admin"]) {
    token[role] = await p.login("acme-med", `${role}@acme-med.test`);
  }
  token.pulse = await p.login("pulse-medical", "quality-engineer@pulse-medical.test");
});
afterAll(() => p?.stop());

const call = (who: string, method: string, path: string, body?: unknown) =>
  p.call(method, path, { token: token[who], body });
const signature = () => ({ password: p.demo.password, statement: "Reviewed against the CAPA procedure" });

describe("drift → alert → task → nonconformance → CAPA closed", () => {
  let alertId: string;
  let taskId: string;
  let ncId: string;
  let capaId: string;
  let rev: number;

  it("an out-of-limits result raises the alert and its task", async () => {
    const rule = await call("quality-engineer", "POST", "/v1/early-warning/rules", {
      name: "Seal force out of control",
      grade: "warning",
      subject: "inspection-characteristic",
      owner: { type: "role", role: "qc-inspector" },
      enabled: true,
      condition: {
        kind: "spc",
        characteristic: CHARACTERISTIC,
        limits: { from: "given", mean: 40, sigma: 1 },
        rules: [1],
      },
    });
    expect(rule.status).toBe(201);
    const orders = await call("quality-engineer", "GET", "/v1/production/orders?status=in-progress");
    const orderId = orders.body.items[0].orderId;
    const order = await call("quality-engineer", "GET", `/v1/production/orders/${orderId}`);
    const inspected = await call("qc-inspector", "POST", `/v1/production/orders/${orderId}/inspections`, {
      kind: "patrol",
      sequence: order.body.order.route.operations[0].sequence,
      sampleSize: 1,
      measurements: [{ characteristic: CHARACTERISTIC, value: 44.5, lower: 35, upper: 45, unit: "N" }],
    });
    expect(inspected.status).toBe(201);
    const task = await eventually("the alert's task", async () => {
      const { body } = await call("qc-inspector", "GET", "/v1/early-warning/tasks");
      return body.items.find((t: { title: string }) => t.title.includes("Seal force out of control"));
    });
    alertId = task.alertId;
    taskId = task.taskId;
    expect(task.evidence.firing).toBeTruthy();
  });

  it("a report raised from the alert carries its evidence and completes its task, once", async () => {
    const raised = await call("qc-inspector", "POST", "/v1/quality/nonconformances", {
      source: { kind: "alert", alertId },
      title: "Seal force above the control limit",
      description: "One patrol check at 44.5 N, beyond the 3-sigma limit of 43 N",
      severity: "major",
    });
    expect(raised.status).toBe(201);
    ncId = raised.body.ncId;
    expect(raised.body).toMatchObject({
      status: "open",
      subject: { kind: "inspection-characteristic", id: CHARACTERISTIC },
      source: { kind: "alert", alertId, ruleName: "Seal force out of control" },
    });
    expect(raised.body.ncNo).toMatch(/^NCR-\d{4}-[0-9A-F]{4}$/);
    const task = await call("qc-inspector", "GET", `/v1/early-warning/tasks/${taskId}`);
    expect(task.body).toMatchObject({ status: "done", resolution: { path: "nonconformance", note: raised.body.ncNo } });

    const again = await call("quality-engineer", "POST", "/v1/quality/nonconformances", {
      source: { kind: "alert", alertId },
      title: "The same drift again",
      description: "A second report of the same alert",
      severity: "major",
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "alert-has-nonconformance", details: { ncId } });
    const register = await call("quality-engineer", "GET", "/v1/quality/nonconformances?status=open");
    expect(register.body.items.filter((n: { ncId: string }) => n.ncId === ncId)).toHaveLength(1);
  });

  it("refuses a report without a subject, and another manufacturer's reach", async () => {
    const bare = await call("quality-engineer", "POST", "/v1/quality/nonconformances", {
      source: { kind: "line", reference: "Line 1" },
      title: "No subject",
      description: "Nothing says what is nonconforming",
      severity: "minor",
    });
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe("subject-required");
    const foreign = await call("pulse", "POST", "/v1/quality/nonconformances", {
      source: { kind: "alert", alertId },
      title: "Not ours",
      description: "Another manufacturer's alert",
      severity: "minor",
    });
    expect(foreign.status).toBe(404);
    expect((await call("pulse", "GET", `/v1/quality/nonconformances/${ncId}`)).status).toBe(404);
  });

  it("opens a CAPA on the report; the root cause moves it to its actions", async () => {
    const opened = await call("quality-engineer", "POST", "/v1/quality/capas", {
      kind: "corrective",
      title: "Seal force drift on the sealing press",
      problem: "Seal force rose above the control limit during patrol checks",
      ncIds: [ncId],
      owner: { type: "role", role: "quality-engineer" },
      dueOn: "2027-06-30",
    });
    expect(opened.status).toBe(201);
    capaId = opened.body.capaId;
    expect(opened.body).toMatchObject({ status: "investigating", rev: 1, ncIds: [ncId] });
    expect((await call("quality-engineer", "GET", `/v1/quality/nonconformances/${ncId}`)).body.capaId).toBe(capaId);

    const second = await call("quality-engineer", "POST", "/v1/quality/capas", {
      kind: "corrective",
      title: "A second CAPA on the same report",
      problem: "Nobody should open two investigations of one report",
      ncIds: [ncId],
      owner: { type: "role", role: "quality-engineer" },
      dueOn: "2027-06-30",
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("nc-has-capa");

    const tooEarly = await call("quality-engineer", "POST", `/v1/quality/capas/${capaId}/close`, {
      expectedRev: 1,
      summary: "Closing before anything was done",
      signature: signature(),
    });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.code).toBe("capa-step-not-allowed");

    const cause = await call("quality-engineer", "POST", `/v1/quality/capas/${capaId}/root-cause`, {
      expectedRev: 1,
      method: "5-why",
      investigation: "Press log shows the pressure regulator drifting since the last service",
      category: "machine",
      rootCause: "Pressure regulator worn; not on the preventive maintenance plan",
    });
    expect(cause.status).toBe(200);
    rev = cause.body.rev;
    expect(cause.body).toMatchObject({ status: "implementing", rootCause: { category: "machine" } });

    const stale = await call("quality-engineer", "POST", `/v1/quality/capas/${capaId}/actions`, {
      expectedRev: 1,
      description: "An action from a page read before the root cause",
      owner: { type: "role", role: "operator" },
      dueOn: "2027-01-15",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("capa-changed");
  });

  it("an action is finished by its owner only, and checked only when done", async () => {
    const added = await call("quality-engineer", "POST", `/v1/quality/capas/${capaId}/actions`, {
      expectedRev: rev,
      description: "Replace the regulator and add it to the press's preventive maintenance",
      owner: { type: "role", role: "operator" },
      dueOn: "2027-01-15",
    });
    expect(added.status).toBe(200);
    const actionId = added.body.actions[0].actionId;
    rev = added.body.rev;

    const early = await call("quality-engineer", "POST", `/v1/quality/capas/${capaId}/effectiveness`, {
      expectedRev: rev,
      criteria: "No seal force beyond 3 sigma over 30 patrol checks",
      evidence: "Not yet measured",
      effective: true,
      signature: signature(),
    });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe("capa-actions-open");

    const notTheirs = await call("qc-inspector", "POST", `/v1/quality/capas/${capaId}/actions/${actionId}/complete`, {
      expectedRev: rev,
      outcome: "Done by someone who does not own it",
    });
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.body.error.code).toBe("not-your-action");

    const done = await call("operator", "POST", `/v1/quality/capas/${capaId}/actions/${actionId}/complete`, {
      expectedRev: rev,
      outcome: "Regulator replaced; monthly check added to PM plan PM-PRESS-02",
    });
    expect(done.status).toBe(200);
    expect(done.body.actions[0]).toMatchObject({ status: "done", doneBy: expect.stringMatching(/^user:/) });
    rev = done.body.rev;
  });

  it("a wrong password signs nothing; the signed check verifies it and the signed closure closes it", async () => {
    const check = {
      criteria: "No seal force beyond 3 sigma over 30 patrol checks",
      evidence: "30 patrol checks after the repair, all within 39–41 N",
      effective: true,
    };
    const wrong = await call("quality-engineer", "POST", `/v1/quality/capas/${capaId}/effectiveness`, {
      expectedRev: rev,
      ...check,
      signature: { password: "not my password" },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe("signature-invalid");
    expect((await call("quality-engineer", "GET", `/v1/quality/capas/${capaId}`)).body.rev).toBe(rev);

    const verified = await call("quality-engineer", "POST", `/v1/quality/capas/${capaId}/effectiveness`, {
      expectedRev: rev,
      ...check,
      signature: signature(),
    });
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe("verified");
    expect(verified.body.checks[0].manifest).toMatch(/quality-engineer@acme-med\.test.*verified$/);
    rev = verified.body.rev;

    const closed = await call("quality-engineer", "POST", `/v1/quality/capas/${capaId}/close`, {
      expectedRev: rev,
      summary: "Cause removed and shown effective; PM plan updated",
      signature: signature(),
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", closure: { manifest: expect.stringMatching(/approved$/) } });
    expect(closed.body.timeline.map((t: { step: string }) => t.step)).toEqual([
      "opened",
      "root-cause",
      "action-added",
      "action-done",
      "verified-effective",
      "closed",
    ]);
  });

  it("every step is in the audit trail with who did it, and the chain verifies", async () => {
    await p.settled();
    const history = await call(
      "quality-engineer",
      "GET",
      `/v1/audit/records/${encodeURIComponent(`qmCapa:${capaId}`)}`,
    );
    expect(history.status).toBe(200);
    const entries = [...history.body.items].sort((a: { seq: number }, b: { seq: number }) => a.seq - b.seq);
    expect(entries).toHaveLength(6);
    expect(entries.every((e: { actor: string }) => e.actor.startsWith("user:"))).toBe(true);
    const statuses = entries
      .map((e: { changes: { field: string; after?: unknown }[] }) => e.changes.find((c) => c.field === "status")?.after)
      .filter(Boolean);
    expect(statuses).toEqual(["investigating", "implementing", "verified", "closed"]);
    const ncHistory = await call("quality-engineer", "GET", `/v1/audit/records/${encodeURIComponent(`qmNc:${ncId}`)}`);
    expect(ncHistory.body.items).toHaveLength(2);
    const verify = await call("admin", "POST", "/v1/audit/verify", {});
    expect(verify.body).toMatchObject({ ok: true });
  });
});
