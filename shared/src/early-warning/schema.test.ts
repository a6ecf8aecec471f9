import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/index.ts";
import { CreateRuleInput, Observation, readRule, UpdateRuleInput } from "./schema.ts";

const base = {
  name: "Seal strength trend",
  grade: "warning",
  subject: "process-parameter",
  owner: { type: "role", role: "quality-engineer" },
  enabled: true,
  condition: { kind: "spc", characteristic: "seal-strength", limits: { from: "given", mean: 10, sigma: 0.5 } },
} as const;

const stored = { ...base, ruleId: "0b7f1a3c-9a8e-4a61-9b7e-0e8f5f2c1d01", version: 1 };

const silence = (schedule: string) => ({
  ...base,
  subject: "device",
  condition: { kind: "silence", minutes: 30, schedule },
});

/** The dotted paths of the refused fields, or "accepted". */
const refused = (input: unknown) => {
  try {
    readRule({ ...stored, ...(input as object) });
    return "accepted";
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== "invalid-rule") throw e;
    return e.issues?.map((i) => i.path).join(" ") ?? "";
  }
};

describe("rule definitions", () => {
  it("accepts an SPC rule and fills in all eight Nelson rules", () => {
    const rule = readRule(stored);

    expect(rule.condition).toMatchObject({ kind: "spc", rules: [1, 2, 3, 4, 5, 6, 7, 8] });
  });

  it("accepts one of each kind on its subject", () => {
    const conditions = [
      ["lot", { kind: "threshold", field: "measurement.value", comparison: "gt", value: 4.2 }],
      ["supplier", { kind: "ratio", measure: "supplier-reject-rate", receipts: 20, max: 0.05 }],
      ["certificate", { kind: "expiry", of: "qualification", horizonDays: 30, schedule: "cron(0 6 * * ? *)" }],
      ["stock-item", { kind: "stock-below-safety" }],
      ["device", { kind: "silence", minutes: 15, schedule: "rate(5 minutes)" }],
      ["device", { kind: "telemetry-alert", alertKinds: ["device-alarm"], minSeverity: "critical" }],
      ["process-parameter", { kind: "spc", characteristic: "temp", limits: { from: "baseline", points: 25 } }],
    ] as const;

    for (const [subject, condition] of conditions) expect(refused({ subject, condition })).toBe("accepted");
  });

  it.each([
    ["an unknown field", { colour: "red" }, ""],
    ["an unknown condition field", { condition: { ...base.condition, window: 5 } }, "condition"],
    [
      "NaN",
      { condition: { ...base.condition, limits: { from: "given", mean: Number.NaN, sigma: 1 } } },
      "condition.limits.mean",
    ],
    [
      "Infinity",
      { condition: { kind: "threshold", field: "measurement.value", comparison: "gt", value: Infinity } },
      "condition.value",
    ],
    [
      "sigma 0",
      { condition: { ...base.condition, limits: { from: "given", mean: 1, sigma: 0 } } },
      "condition.limits.sigma",
    ],
    ["a Nelson rule 9", { condition: { ...base.condition, rules: [9] } }, "condition.rules.0"],
    ["an unknown grade", { grade: "urgent" }, "grade"],
    ["an unknown kind", { condition: { kind: "trend" } }, "condition.kind"],
    ["a subject the kind cannot watch", { subject: "supplier" }, "subject"],
    ["holding lots on a warning", { holdLotOnCritical: true }, "holdLotOnCritical"],
    [
      "a stock threshold on a lot",
      { subject: "lot", condition: { kind: "threshold", field: "stock-level.quantity", comparison: "lt", value: 3 } },
      "subject",
    ],
  ])("refuses %s, naming the field", (_, change, path) => {
    expect(refused(change)).toBe(path);
  });

  it.each([
    ["cron(0 0 30 2 ? *)", /never fires/], // 30 February
    ["cron(0 0 31 4 ? *)", /never fires/], // 31 April
    ["cron(0 0 * * * *)", /exactly one of day-of-month and day-of-week/],
    ["cron(0 25 * * ? *)", /hour/i],
    ["rate(5 seconds)", /unit minute/],
    ["every hour", /expected "rate/],
  ])("refuses the schedule %s in condition.schedule", (schedule, reason) => {
    const result = CreateRuleInput.safeParse(silence(schedule));

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["condition.schedule"]);
    expect(result.error?.issues[0]?.message).toMatch(reason);
  });

  it("accepts a schedule whose years are over: it fired once, so it is not malformed", () => {
    expect(CreateRuleInput.safeParse(silence("cron(0 0 1 1 ? 2024)")).success).toBe(true);
  });

  it("takes create and update inputs without ids, the update with the version it read", () => {
    expect(CreateRuleInput.safeParse(base).success).toBe(true);
    expect(CreateRuleInput.safeParse(stored).success).toBe(false);
    expect(UpdateRuleInput.safeParse({ ...base, expectedVersion: 3 }).success).toBe(true);
    expect(UpdateRuleInput.safeParse(base).success).toBe(false);
  });

  it("refuses an observation with an infinite value or an unknown field", () => {
    const m = {
      type: "measurement",
      eventId: "e1",
      at: "2026-01-05T08:00:00Z",
      characteristic: "c",
      value: 1,
      unit: "N",
    };

    expect(Observation.safeParse(m).success).toBe(true);
    expect(Observation.safeParse({ ...m, value: Infinity }).success).toBe(false);
    expect(Observation.safeParse({ ...m, extra: 1 }).success).toBe(false);
  });
});
