import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, type Firing, type RuleState, SEEN_IDS, tick } from "./evaluate.ts";
import {
  expiry,
  gatewayAlert,
  heartbeat,
  inspection,
  measurement,
  minutes,
  ruleOf,
  stock,
} from "./fixtures.test-support.ts";
import { indexRules } from "./route.ts";
import type { Observation, Rule } from "./schema.ts";

/** Feeds observations through one subject's state, as the handler would, persisting as JSON between calls. */
function run(rule: Rule, observations: Observation[], state?: RuleState) {
  const fired: Firing[] = [];
  let s = state;
  for (const o of observations) {
    const out = evaluate(rule, s, o, new Date(Date.parse(o.at)));
    s = JSON.parse(JSON.stringify(out.state));
    if (out.fired) fired.push(out.fired);
  }
  return { fired, state: s! };
}

const spcGiven = (rules?: number[]) =>
  ruleOf("process-parameter", {
    kind: "spc",
    characteristic: "seal-strength",
    limits: { from: "given", mean: 10, sigma: 1 },
    ...(rules && { rules }),
  });

describe("threshold and stock rules", () => {
  const tooHot = ruleOf("process-parameter", {
    kind: "threshold",
    field: "measurement.value",
    comparison: "gt",
    value: 12,
  });

  it("fires when the value crosses, once while it stays over, again after it recovers", () => {
    const { fired } = run(
      tooHot,
      [11, 12.5, 13, 11, 12.1].map((v, i) => measurement(v, i)),
    );

    expect(fired.map((f) => f.values)).toEqual([[12.5], [12.1]]);
    expect(fired[0]).toMatchObject({ subject: "process-parameter:seal-strength", grade: "warning" });
    expect(fired[0]?.evidence).toEqual({ kind: "threshold", comparison: "gt", limit: 12 });
  });

  it("fires on stock below its safety level, not at it", () => {
    const rule = ruleOf("stock-item", { kind: "stock-below-safety" });

    const { fired } = run(rule, [stock(10, 10), stock(9, 10), stock(4, 10)]);

    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ subject: "stock-item:PUMP-HOUSING", values: [9] });
  });

  it("ignores observations the rule does not read", () => {
    const other = measurement(99, 0, { characteristic: "torque" });
    const rule = ruleOf("process-parameter", { ...tooHot.condition, match: "seal-strength" });

    expect(run(rule, [other, inspection(false)]).fired).toEqual([]);
  });

  it("holds the lot when a critical lot rule fires and says so", () => {
    const rule = ruleOf("lot", tooHot.condition, { grade: "critical", holdLotOnCritical: true });

    const { fired } = run(rule, [measurement(13, 0, { lot: "L-42" })]);

    expect(fired[0]).toMatchObject({ subject: "lot:L-42", holdLot: "L-42", grade: "critical" });
  });

  it("does nothing for a disabled rule", () => {
    expect(run({ ...tooHot, enabled: false }, [measurement(20)]).fired).toEqual([]);
  });
});

describe("replays and restarts", () => {
  it("a replayed event changes nothing and does not fire twice", () => {
    const rule = spcGiven();
    const beyond = measurement(14);
    const first = evaluate(rule, undefined, beyond, minutes(0));

    const again = evaluate(rule, first.state, beyond, minutes(1));

    expect(first.fired?.evidence).toMatchObject({ violations: [{ rule: 1, indices: [0] }] });
    expect(again.fired).toBeUndefined();
    expect(again.state).toBe(first.state);
  });

  it("a state persisted as JSON and resumed gives the same firings as one uninterrupted run", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 4, max: 16 }), { maxLength: 80 }), fc.nat(80), (values, cut) => {
        const rule = spcGiven();
        const obs = values.map((v, i) => measurement(v, i));
        const whole = run(rule, obs).fired;
        const head = run(rule, obs.slice(0, cut));
        const tail = run(rule, obs.slice(cut), head.state);
        expect([...head.fired, ...tail.fired]).toEqual(whole);
      }),
    );
  });

  it("points arriving in any order make the chart of the order they were measured in", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 4, max: 16 }), { minLength: 1, maxLength: 40 }).chain((values) =>
          fc.tuple(
            fc.constant(values),
            fc.shuffledSubarray(
              values.map((_, i) => i),
              { minLength: values.length },
            ),
          ),
        ),
        ([values, order]) => {
          const rule = spcGiven();
          const obs = values.map((v, i) => measurement(v, i * 60));
          const inTime = run(rule, obs).state;
          const shuffled = run(
            rule,
            order.map((i) => obs[i]!),
          ).state;
          // Whatever came first, the series reads as measured; only the ids seen may differ in order.
          expect({ ...shuffled.of }).toEqual({ ...inTime.of });
        },
      ),
    );
  });

  it("a late point takes its place: the firing shows the series in time order", () => {
    const rule = spcGiven([1]);
    const late = run(rule, [measurement(10, 0), measurement(10.2, 120), measurement(14, 180), measurement(9.9, 60)]);
    expect(late.fired).toHaveLength(1);
    expect(late.fired[0]!.evidence).toMatchObject({ series: [10, 10.2, 14], violations: [{ rule: 1, indices: [2] }] });
    expect(late.state.of).toMatchObject({ series: [10, 9.9, 10.2, 14] });
  });

  it("any replay of already-taken events, in any order, leaves the state and firings as they were", () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: SEEN_IDS }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
        (results, picks) => {
          const rule = ruleOf("supplier", { kind: "ratio", measure: "supplier-reject-rate", receipts: 3, max: 0.3 });
          const obs = results.map((p, i) => inspection(p, i));
          const done = run(rule, obs);
          const replays = picks.map((p) => obs[p % obs.length]!);
          const after = run(rule, replays, done.state);
          expect(after.fired).toEqual([]);
          expect(after.state).toEqual(done.state);
        },
      ),
    );
  });

  it("never changes the state it is handed, and gives the same answer twice", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 4, max: 16 }), { minLength: 1, maxLength: 60 }), (values) => {
        const rule = spcGiven();
        const obs = values.map((v, i) => measurement(v, i));
        const { state } = run(rule, obs.slice(0, -1));
        const before = JSON.stringify(state);
        const once = evaluate(rule, state, obs.at(-1)!, minutes(99));
        const twice = evaluate(rule, state, obs.at(-1)!, minutes(99));
        expect(JSON.stringify(state)).toBe(before);
        expect(twice).toEqual(once);
      }),
    );
  });

  it("remembers a bounded number of event ids", () => {
    const rule = spcGiven();
    const { state } = run(
      rule,
      Array.from({ length: SEEN_IDS + 10 }, (_, i) => measurement(10, i)),
    );

    expect(state.seen).toHaveLength(SEEN_IDS);
  });

  it("a new rule version starts the condition afresh", () => {
    const rule = ruleOf("stock-item", { kind: "stock-below-safety" });
    const { state } = run(rule, [stock(1, 10)]);

    const v2 = { ...rule, version: 2 };
    const { fired } = run(v2, [stock(2, 10)], state);

    expect(fired).toHaveLength(1);
  });
});

describe("SPC rules", () => {
  it("fires once per run: a ninth point on one side fires rule 2, the tenth and eleventh do not", () => {
    const { fired } = run(
      spcGiven([2]),
      Array.from({ length: 11 }, (_, i) => measurement(10.5, i)),
    );

    expect(fired).toHaveLength(1);
    expect(fired[0]?.evidence).toMatchObject({
      kind: "spc",
      limits: { mean: 10, sigma: 1 },
      series: Array(9).fill(10.5),
      violations: [{ rule: 2, indices: [0, 1, 2, 3, 4, 5, 6, 7, 8] }],
    });
  });

  it("fires for each point beyond 3 sigma, even back to back (each is its own violation)", () => {
    const { fired } = run(
      spcGiven([1]),
      [10, 6.5, 14, 10].map((v, i) => measurement(v, i)),
    );

    expect(fired.map((f) => f.values)).toEqual([[6.5], [14]]);
  });

  it("fires for a falling run that starts at the peak of a rising one", () => {
    const values = [10, 10.1, 10.2, 10.3, 10.4, 10.5, 10.4, 10.3, 10.2, 10.1, 10];

    const { fired } = run(
      spcGiven([3]),
      values.map((v, i) => measurement(v, i)),
    );

    expect(fired.map((f) => f.values)).toEqual([[10.5], [10]]);
  });

  it("fires once for a run longer than the kept series", () => {
    const { fired } = run(
      spcGiven([2]),
      Array.from({ length: 80 }, (_, i) => measurement(10.5, i)),
    );

    expect(fired).toHaveLength(1);
  });

  it("fires again when a broken run starts over", () => {
    const values = [...Array(9).fill(10.5), 9, ...Array(9).fill(10.5)];

    expect(
      run(
        spcGiven([2]),
        values.map((v, i) => measurement(v, i)),
      ).fired,
    ).toHaveLength(2);
  });

  it("fixes limits from a baseline and judges only the points after it", () => {
    const rule = ruleOf("process-parameter", {
      kind: "spc",
      characteristic: "seal-strength",
      limits: { from: "baseline", points: 10 },
      rules: [1],
    });
    // Baseline 10, 11, 10, 11...: mean 10.5, moving range 1, sigma 1/1.128; 3 sigma ≈ 2.66.
    const baseline = Array.from({ length: 10 }, (_, i) => 10 + (i % 2));

    const { fired } = run(
      rule,
      [...baseline, 12, 13.5].map((v, i) => measurement(v, i)),
    );

    expect(fired.map((f) => f.values)).toEqual([[13.5]]);
    expect(fired[0]?.evidence).toMatchObject({ limits: { mean: 10.5, sigma: 1 / 1.128 } });
  });

  it("rolls a constant baseline on until the process varies", () => {
    const rule = ruleOf("process-parameter", {
      kind: "spc",
      characteristic: "seal-strength",
      limits: { from: "baseline", points: 10 },
    });

    const { state } = run(
      rule,
      [...Array(12).fill(10), 11].map((v, i) => measurement(v, i)),
    );

    expect(state.of).toMatchObject({ kind: "spc", limits: { mean: 10.1 } });
  });

  it("keeps a bounded series", () => {
    const { state } = run(
      spcGiven(),
      Array.from({ length: 100 }, (_, i) => measurement(10 + (i % 3) / 10, i)),
    );

    expect(state.of.kind === "spc" && state.of.series.length).toBe(32);
  });
});

describe("supplier reject rate", () => {
  const rule = ruleOf("supplier", { kind: "ratio", measure: "supplier-reject-rate", receipts: 4, max: 0.25 });

  it("fires when the last N receipts reject more than the maximum, with the window as evidence", () => {
    const { fired } = run(
      rule,
      [true, false, true, true, false, true].map((p, i) => inspection(p, i)),
    );

    expect(fired).toHaveLength(1);
    expect(fired[0]?.values).toEqual([0.5]);
    expect(fired[0]?.evidence).toMatchObject({ kind: "ratio", max: 0.25 });
    expect(fired[0]?.evidence.kind === "ratio" && fired[0].evidence.window.map((r) => r.passed)).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it("waits for a full window", () => {
    const { fired } = run(rule, [inspection(false, 0, "A"), inspection(false, 1, "A"), inspection(false, 2, "A")]);

    expect(fired).toEqual([]);
  });
});

describe("scheduled kinds", () => {
  it("warns of an expiry inside the horizon once per expiry date", () => {
    const rule = ruleOf("certificate", { kind: "expiry", of: "certificate", horizonDays: 30, schedule: "rate(1 day)" });
    const { state } = run(rule, [expiry("2026-04-15")]);

    const early = tick(rule, state, "certificate:CERT-1", new Date("2026-03-10T06:00:00Z"));
    const due = tick(rule, state, "certificate:CERT-1", new Date("2026-03-20T06:00:00Z"));
    const again = tick(rule, due.state, "certificate:CERT-1", new Date("2026-03-21T06:00:00Z"));
    const renewed = run(rule, [expiry("2027-04-15")], again.state);

    expect(early.fired).toBeUndefined();
    expect(due.fired).toMatchObject({ values: [25], evidence: { expiresOn: "2026-04-15", daysLeft: 25 } });
    expect(again.fired).toBeUndefined();
    expect(tick(rule, renewed.state, "certificate:CERT-1", new Date("2027-03-20T06:00:00Z")).fired).toBeDefined();
  });

  it("fires once for a device silent longer than allowed, re-arms when it is heard again", () => {
    const rule = ruleOf("device", { kind: "silence", minutes: 30, schedule: "rate(5 minutes)" });
    const { state } = run(rule, [heartbeat(0)]);

    const quiet = tick(rule, state, "device:DEV-1", minutes(29));
    const silent = tick(rule, state, "device:DEV-1", minutes(30));
    const still = tick(rule, silent.state, "device:DEV-1", minutes(60));
    const back = run(rule, [heartbeat(70)], still.state);

    expect(quiet.fired).toBeUndefined();
    expect(silent.fired).toMatchObject({ subject: "device:DEV-1", values: [30] });
    expect(still.fired).toBeUndefined();
    expect(tick(rule, back.state, "device:DEV-1", minutes(100)).fired).toBeDefined();
  });
});

describe("gateway alerts", () => {
  const rule = ruleOf("device", { kind: "telemetry-alert", alertKinds: ["device-alarm"], minSeverity: "critical" });

  it("fires on a raised alert that counts, once until it is cleared", () => {
    const { fired } = run(rule, [
      gatewayAlert("a1", "raised"),
      gatewayAlert("a1", "raised"),
      gatewayAlert("a1", "cleared"),
      gatewayAlert("a1", "raised"),
      gatewayAlert("a2", "raised", { severity: "warning" }),
      gatewayAlert("a3", "raised", { ruleKind: "threshold" }),
    ]);

    expect(fired.map((f) => f.evidence)).toEqual([
      { kind: "telemetry-alert", alertId: "a1", rule: "occlusion", ruleKind: "device-alarm", severity: "critical" },
      { kind: "telemetry-alert", alertId: "a1", rule: "occlusion", ruleKind: "device-alarm", severity: "critical" },
    ]);
  });
});

describe("routing", () => {
  it("finds the rules that read an observation, and only the enabled ones", () => {
    const spc = spcGiven();
    const anyMeasurement = ruleOf("process-parameter", {
      kind: "threshold",
      field: "measurement.value",
      comparison: "gt",
      value: 1,
    });
    const torque = ruleOf("process-parameter", {
      kind: "spc",
      characteristic: "torque",
      limits: spc.condition.kind === "spc" ? spc.condition.limits : {},
    });
    const silence = ruleOf("device", { kind: "silence", minutes: 5, schedule: "rate(1 minute)" });
    const off = { ...spcGiven(), enabled: false };
    const index = indexRules([spc, anyMeasurement, torque, silence, off]);

    expect(index.rulesFor(measurement(1))).toEqual([spc, anyMeasurement]);
    expect(index.rulesFor(gatewayAlert("x", "raised"))).toEqual([silence]);
    expect(index.rulesFor(stock(1, 2))).toEqual([]);
  });
});
