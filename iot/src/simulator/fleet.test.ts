import { SIGNALS, type SignalName } from "@medloop/shared/device/devices";
import { describe, expect, it } from "vitest";
import { ADAPTERS } from "../../components/com.medloop.gateway/src/pipeline/adapters/index.ts";
import { createFleet } from "./fleet.ts";

const T0 = Date.UTC(2026, 0, 5, 8);
const counts = { "infusion-pump": 3, "patient-monitor": 3, autoclave: 2, "moulding-machine": 2 } as const;

describe("device fleet simulator", () => {
  it("is deterministic for a seed, and different for another", () => {
    const a = createFleet({ seed: 1, counts, startTs: T0 }).advance(T0 + 120_000);
    const b = createFleet({ seed: 1, counts, startTs: T0 }).advance(T0 + 120_000);
    const c = createFleet({ seed: 2, counts, startTs: T0 }).advance(T0 + 120_000);

    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("samples every device on its period, in time order, with values in range and varying", () => {
    const fleet = createFleet({ seed: 3, counts, startTs: T0 });
    const readings = fleet.advance(T0 + 600_000).map((r) => {
      const type = fleet.devices.find((d) => d.id === r.device)?.type ?? "infusion-pump";
      return ADAPTERS[type](JSON.parse(r.payload));
    });

    expect(fleet.devices.map((d) => d.id)).toEqual([
      "pump-001",
      "pump-002",
      "pump-003",
      "monitor-001",
      "monitor-002",
      "monitor-003",
      "autoclave-001",
      "autoclave-002",
      "imm-001",
      "imm-002",
    ]);
    expect(readings.map((r) => r.ts)).toEqual([...readings.map((r) => r.ts)].sort((x, y) => x - y));
    expect(readings.filter((r) => r.device === "monitor-001")).toHaveLength(600);
    const values = new Map<string, Set<number>>();
    for (const r of readings) {
      for (const [name, v] of Object.entries(r.signals)) {
        const spec = SIGNALS[name as SignalName];
        expect(v).toBeGreaterThanOrEqual(spec.min);
        expect(v).toBeLessThanOrEqual(spec.max);
        values.set(name, (values.get(name) ?? new Set()).add(v));
      }
    }
    expect([...values.keys()].sort()).toEqual(Object.keys(SIGNALS).sort());
    for (const [name, seen] of values) expect(seen.size, name).toBeGreaterThan(1);
  });

  it("injects faults at the asked rate and counts them", () => {
    const fleet = createFleet({ seed: 4, counts, startTs: T0, faultRate: 0.05 });
    const readings = fleet.advance(T0 + 600_000);
    const injected = Object.values(fleet.faults).reduce((a, b) => a + b, 0);

    expect(injected).toBeGreaterThan(100);
    expect(Object.values(fleet.faults).every((n) => n > 0)).toBe(true);
    expect(readings.filter((r) => r.device.endsWith("-rogue"))).toHaveLength(fleet.faults["unknown-device"]);
  });
});
