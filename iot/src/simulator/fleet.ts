import type { DeviceType } from "@medloop/shared/device/devices";
import { Autoclave, type DeviceModel, InfusionPump, MouldingMachine, PatientMonitor } from "./devices.ts";
import { Rng } from "./rng.ts";

export interface FleetOptions {
  seed: number;
  counts: Partial<Record<DeviceType, number>>;
  /** Epoch ms of the first sample. */
  startTs: number;
  /** Device ids get this prefix, so fleets of several gateways do not collide. */
  prefix?: string;
  /**
   * Share of samples that go wrong on the way (0 by default): bad JSON, an impossible value, a wrong
   * type, a resend of the same message, or a message from a connection the gateway does not know.
   */
  faultRate?: number;
}

/** What a device driver hands the gateway (the gateway's RawReading). */
export interface SimulatedReading {
  device: string;
  payload: string;
}

export const FAULTS = ["bad-json", "out-of-range", "wrong-type", "duplicate", "unknown-device"] as const;

export interface Fleet {
  devices: { id: string; type: DeviceType }[];
  /** Every sample from the previous call (or the start) up to, not including, `untilTs`, by time. */
  advance(untilTs: number): SimulatedReading[];
  /** Faults injected so far, by kind. */
  faults: Record<(typeof FAULTS)[number], number>;
}

const prefixes: Record<DeviceType, string> = {
  "infusion-pump": "pump",
  "patient-monitor": "monitor",
  autoclave: "autoclave",
  "moulding-machine": "imm",
};

const models: Record<DeviceType, new (id: string, rng: Rng) => DeviceModel> = {
  "infusion-pump": InfusionPump,
  "patient-monitor": PatientMonitor,
  autoclave: Autoclave,
  "moulding-machine": MouldingMachine,
};

/** The first number-valued field, replaced to break a reading the way a faulty driver would. */
function firstNumberPath(o: Record<string, unknown>): [Record<string, unknown>, string] | undefined {
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === "number" && !/seq|^n$|counter|^t$|timestamp/.test(k)) return [o, k];
    if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      const inner = firstNumberPath(v as Record<string, unknown>);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * A deterministic fleet of simulated devices: the same seed and counts give the same readings.
 * Each device samples on its own period with its own phase, so readings interleave as they do on
 * a real floor or ward.
 */
export function createFleet(opts: FleetOptions): Fleet {
  const rng = new Rng(opts.seed);
  const faultRate = opts.faultRate ?? 0;
  const faults = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Fleet["faults"];
  const sims: { id: string; type: DeviceType; model: DeviceModel; rng: Rng; nextAt: number; seq: number }[] = [];
  for (const type of Object.keys(models) as DeviceType[]) {
    for (let i = 1; i <= (opts.counts[type] ?? 0); i++) {
      const id = `${opts.prefix ?? ""}${prefixes[type]}-${String(i).padStart(3, "0")}`;
      const deviceRng = new Rng(Math.floor(rng.next() * 2 ** 32));
      const model = new models[type](id, deviceRng);
      sims.push({
        id,
        type,
        model,
        rng: deviceRng,
        nextAt: opts.startTs + deviceRng.int(0, model.periodMs - 1),
        seq: 1,
      });
    }
  }

  const faulty = (device: string, msg: Record<string, unknown>, frng: Rng): SimulatedReading[] => {
    const kind = frng.pick(FAULTS);
    faults[kind]++;
    const text = JSON.stringify(msg);
    switch (kind) {
      case "bad-json":
        return [{ device, payload: text.slice(0, Math.floor(text.length / 2)) }];
      case "duplicate":
        return [
          { device, payload: text },
          { device, payload: text },
        ];
      case "unknown-device":
        return [{ device: `${device}-rogue`, payload: text }];
      case "out-of-range":
      case "wrong-type": {
        const at = firstNumberPath(msg);
        if (at) at[0][at[1]] = kind === "wrong-type" ? "n/a" : 1e9;
        return [{ device, payload: JSON.stringify(msg) }];
      }
    }
  };

  return {
    devices: sims.map(({ id, type }) => ({ id, type })),
    faults,
    advance(untilTs) {
      const out: (SimulatedReading & { ts: number; order: number })[] = [];
      sims.forEach((s, order) => {
        while (s.nextAt < untilTs) {
          const msg = s.model.sample(s.nextAt, s.seq++);
          const produced =
            faultRate > 0 && s.rng.chance(faultRate)
              ? faulty(s.id, msg, s.rng)
              : [{ device: s.id, payload: JSON.stringify(msg) }];
          for (const p of produced) out.push({ ...p, ts: s.nextAt, order });
          s.nextAt += s.model.periodMs;
        }
      });
      out.sort((a, b) => a.ts - b.ts || a.order - b.order);
      return out.map(({ device, payload }) => ({ device, payload }));
    },
  };
}
