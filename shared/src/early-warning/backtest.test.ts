import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/index.ts";
import { backtest } from "./backtest.ts";
import { heartbeat, inspection, measurement, minutes, ruleOf } from "./fixtures.test-support.ts";

describe("backtest", () => {
  it("replays past measurements in time order and returns the firings with their points", () => {
    const rule = ruleOf(
      "process-parameter",
      { kind: "spc", characteristic: "seal-strength", limits: { from: "given", mean: 10, sigma: 1 }, rules: [1] },
      { enabled: false },
    );
    // Delivered out of order: the backtest sorts by time, as the chart reads them.
    const observations = [measurement(14, 3), measurement(10, 1), measurement(6.5, 2), measurement(10, 0)];

    const fired = backtest(rule, observations);

    expect(fired.map((f) => [f.at, f.values])).toEqual([
      [minutes(2).toISOString(), [6.5]],
      [minutes(3).toISOString(), [14]],
    ]);
  });

  it("keeps each subject's state apart", () => {
    const rule = ruleOf("supplier", { kind: "ratio", measure: "supplier-reject-rate", receipts: 2, max: 0.5 });

    const fired = backtest(rule, [
      inspection(false, 0, "A"),
      inspection(false, 1, "B"),
      inspection(true, 2, "A"),
      inspection(false, 3, "B"),
    ]);

    expect(fired.map((f) => f.subject)).toEqual(["supplier:B"]);
  });

  it("runs the schedule of a scheduled rule between observations and up to the end", () => {
    const rule = ruleOf("device", { kind: "silence", minutes: 30, schedule: "rate(10 minutes)" });

    const fired = backtest(rule, [heartbeat(0, "A"), heartbeat(0, "B"), heartbeat(45, "A")], minutes(120));

    // Checks at 10, 20, ... after the first observation: B is silent from 30 on; A at 30, and again
    // 30 minutes after its second heartbeat at 45, so at 80.
    expect(fired.map((f) => [f.subject, f.at])).toEqual([
      ["device:A", minutes(30).toISOString()],
      ["device:B", minutes(30).toISOString()],
      ["device:A", minutes(80).toISOString()],
    ]);
  });

  it("refuses a schedule that would run too often over the period", () => {
    const rule = ruleOf("device", { kind: "silence", minutes: 30, schedule: "rate(1 minute)" });

    const attempt = () => backtest(rule, [heartbeat(0)], minutes(200_000));

    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(/more than 100000 times/);
  });

  it("returns nothing for no observations", () => {
    expect(backtest(ruleOf("stock-item", { kind: "stock-below-safety" }), [])).toEqual([]);
  });
});
