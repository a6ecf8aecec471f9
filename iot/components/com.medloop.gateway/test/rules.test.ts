import { Rule } from "@medloop/shared/device/gateway-config";
import { describe, expect, it } from "vitest";
import type { Reading } from "../src/pipeline/reading.ts";
import { type AlertEvent, RuleEngine } from "../src/pipeline/rules.ts";
import { T0 } from "./helpers.ts";

const r = (ts: number, signals: Reading["signals"], alarms: string[] = []): Reading => ({
  device: "m1",
  type: "patient-monitor",
  seq: 0,
  ts,
  signals,
  attributes: {},
  alarms,
});

function run(rule: unknown, readings: Reading[]): AlertEvent[] {
  const engine = new RuleEngine([Rule.parse(rule)]);
  const out: AlertEvent[] = [];
  for (const x of readings) engine.evaluate(x, "p_subject", out);
  return out;
}

describe("local rules", () => {
  it("threshold: raises after N breaching samples, once per episode, and clears with hysteresis", () => {
    const rule = {
      id: "spo2-low",
      kind: "threshold",
      deviceType: "patient-monitor",
      signal: "spo2",
      below: 90,
      clearMargin: 2,
      forSamples: 2,
      severity: "critical",
    };
    const values = [95, 89, 95, 89, 88, 85, 91, 93];

    const alerts = run(
      rule,
      values.map((v, i) => r(T0 + i * 1_000, { spo2: v })),
    );

    expect(alerts.map((a) => [a.status, a.at, a.value])).toEqual([
      ["raised", T0 + 4_000, 88],
      ["cleared", T0 + 7_000, 93],
    ]);
    expect(alerts[0]).toMatchObject({
      alertId: `spo2-low:m1:${T0 + 4_000}`,
      rule: "spo2-low",
      ruleKind: "threshold",
      severity: "critical",
      signal: "spo2",
      limit: 90,
      subject: "p_subject",
      message: "spo2 88 % below 90",
    });
    expect(alerts[1]?.alertId).toBe(alerts[0]?.alertId);
  });

  it("rate-of-change: measured over the span, not sample to sample, and not across a gap", () => {
    const rule = {
      id: "spo2-falling",
      kind: "rate-of-change",
      deviceType: "patient-monitor",
      signal: "spo2",
      maxFallPerMinute: 20,
      spanMs: 10_000,
      maxGapMs: 30_000,
      severity: "warning",
    };
    const noisy = [98, 97, 98, 97, 98, 97, 98, 97, 98, 97, 98].map((v, i) => r(T0 + i * 1_000, { spo2: v }));
    const falling = [98, 94, 90].map((v, i) => r(T0 + 20_000 + i * 10_000, { spo2: v }));
    const afterGap = [r(T0 + 100_000, { spo2: 80 }), r(T0 + 110_000, { spo2: 80 })];

    const alerts = run(rule, [...noisy, ...falling, ...afterGap]);

    expect(alerts.map((a) => [a.status, a.at, a.value])).toEqual([
      ["raised", T0 + 30_000, -24],
      ["cleared", T0 + 110_000, 0],
    ]);
  });

  it("device alarm: raises each listed code once while active, clears when the device stops reporting it", () => {
    const rule = {
      id: "monitor-alarms",
      kind: "device-alarm",
      deviceType: "patient-monitor",
      codes: ["APNEA", "ASYSTOLE"],
      severity: "critical",
    };

    const alerts = run(rule, [
      r(T0, {}, ["APNEA", "LEAD_OFF"]),
      r(T0 + 1_000, {}, ["APNEA"]),
      r(T0 + 2_000, {}, ["APNEA", "ASYSTOLE"]),
      r(T0 + 3_000, {}, []),
    ]);

    expect(alerts.map((a) => [a.status, a.code, a.at])).toEqual([
      ["raised", "APNEA", T0],
      ["raised", "ASYSTOLE", T0 + 2_000],
      ["cleared", "APNEA", T0 + 3_000],
      ["cleared", "ASYSTOLE", T0 + 3_000],
    ]);
  });

  it("keeps the state of unchanged rules across a reconfiguration, and resets changed ones", () => {
    const hr = Rule.parse({
      id: "hr",
      kind: "threshold",
      deviceType: "patient-monitor",
      signal: "heartRate",
      above: 140,
      severity: "warning",
    });
    const spo2 = Rule.parse({
      id: "spo2",
      kind: "threshold",
      deviceType: "patient-monitor",
      signal: "spo2",
      below: 90,
      severity: "critical",
    });
    const engine = new RuleEngine([hr, spo2]);
    const out: AlertEvent[] = [];
    engine.evaluate(r(T0, { heartRate: 150, spo2: 85 }), undefined, out);

    engine.reconfigure([hr, Rule.parse({ ...spo2, below: 88 })]);
    engine.evaluate(r(T0 + 1_000, { heartRate: 150, spo2: 85 }), undefined, out);

    expect(out.map((a) => [a.rule, a.status, a.at])).toEqual([
      ["hr", "raised", T0],
      ["spo2", "raised", T0],
      ["spo2", "raised", T0 + 1_000],
    ]);
  });
});
