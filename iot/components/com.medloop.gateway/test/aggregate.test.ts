import { describe, expect, it } from "vitest";
import { WindowAggregator } from "../src/pipeline/aggregate.ts";
import type { Reading } from "../src/pipeline/reading.ts";
import { T0 } from "./helpers.ts";

const reading = (device: string, ts: number, signals: Reading["signals"]): Reading => ({
  device,
  type: "patient-monitor",
  seq: 0,
  ts,
  signals,
  attributes: {},
  alarms: [],
});

describe("tumbling windows", () => {
  it("keeps count/min/max/mean/last per device and signal, and closes on the clock after the grace period", () => {
    const agg = new WindowAggregator(60_000, 5_000);
    agg.add(reading("m2", T0 + 1_000, { heartRate: 70 }), undefined);
    agg.add(reading("m1", T0 + 3_000, { heartRate: 80, spo2: 97 }), undefined);
    agg.add(reading("m1", T0 + 2_000, { heartRate: 60 }), undefined);
    agg.add(reading("m1", T0 + 61_000, { heartRate: 100 }), undefined);

    const early = agg.closeDue(T0 + 64_999);
    const due = agg.closeDue(T0 + 65_000);

    expect(early).toEqual([]);
    expect(due).toEqual([
      {
        start: T0,
        end: T0 + 60_000,
        devices: [
          {
            device: "m1",
            type: "patient-monitor",
            signals: {
              // "last" is the latest by time, not by arrival.
              heartRate: { count: 2, min: 60, max: 80, mean: 70, last: 80 },
              spo2: { count: 1, min: 97, max: 97, mean: 97, last: 97 },
            },
          },
          {
            device: "m2",
            type: "patient-monitor",
            signals: { heartRate: { count: 1, min: 70, max: 70, mean: 70, last: 70 } },
          },
        ],
      },
    ]);
    expect(agg.openFrom).toBe(T0 + 60_000);
    expect(agg.closeDue(T0 + 125_000).map((w) => w.start)).toEqual([T0 + 60_000]);
  });

  it("moves the late boundary on even when no reading came in", () => {
    const agg = new WindowAggregator(60_000, 5_000);

    expect(agg.closeDue(T0 + 185_000)).toEqual([]);
    expect(agg.openFrom).toBe(T0 + 180_000);
  });

  it("splits a window when the patient on a monitor changes", () => {
    const agg = new WindowAggregator(60_000, 0);
    agg.add(reading("m1", T0 + 1_000, { heartRate: 70 }), "p_a");
    agg.add(reading("m1", T0 + 2_000, { heartRate: 90 }), "p_b");

    const [w] = agg.closeDue(T0 + 60_000);

    expect(w?.devices.map((d) => [d.subject, d.signals.heartRate?.mean])).toEqual([
      ["p_a", 70],
      ["p_b", 90],
    ]);
  });

  it("rounds the mean to 4 decimals and closes everything early when the window size changes", () => {
    const agg = new WindowAggregator(60_000, 5_000);
    for (const v of [1, 1, 2]) agg.add(reading("m1", T0 + 1_000, { spo2: v }), undefined);

    const closed = agg.resize(30_000, 5_000);

    expect(closed[0]?.devices[0]?.signals.spo2?.mean).toBe(1.3333);
    expect(agg.resize(30_000, 5_000)).toEqual([]);
  });
});
