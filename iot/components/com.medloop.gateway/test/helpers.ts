import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DeviceType, SignalName } from "@medloop/shared/device/devices";
import type { SignalAggregate, TelemetryAggregate } from "@medloop/shared/device/topics";
import { ADAPTERS } from "../src/pipeline/adapters/index.ts";
import type { RawReading } from "../src/pipeline/reading.ts";
import type { Transport } from "../src/transport/transport.ts";

/** A fresh directory per test; `cleanup` removes every one made. */
export function tempDirs() {
  const made: string[] = [];
  return {
    make(): string {
      const dir = mkdtempSync(join(tmpdir(), "medloop-gw-"));
      made.push(dir);
      return dir;
    },
    cleanup(): void {
      for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

export const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

export function manualClock(start = T0) {
  let now = start;
  return {
    now: () => now,
    set: (t: number) => {
      now = t;
    },
    advance: (ms: number) => {
      now += ms;
      return now;
    },
  };
}

/** An uplink under the test's control: it records publishes and acknowledges them when told. */
export class FakeTransport implements Transport {
  connected = true;
  autoAck = true;
  readonly published: { topic: string; payload: string }[] = [];
  private readonly waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private readonly listeners: ((c: boolean) => void)[] = [];
  private readonly subs = new Map<string, (p: Buffer) => void>();

  publish(topic: string, payload: Uint8Array): Promise<void> {
    if (!this.connected) return Promise.reject(new Error("not connected"));
    this.published.push({ topic, payload: Buffer.from(payload).toString("utf8") });
    if (this.autoAck) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async subscribe(topic: string, onMessage: (p: Buffer) => void): Promise<void> {
    this.subs.set(topic, onMessage);
  }

  onConnectionChange(listener: (c: boolean) => void): void {
    this.listeners.push(listener);
  }

  setConnected(value: boolean): void {
    this.connected = value;
    if (!value) for (const w of this.waiting.splice(0)) w.reject(new Error("connection lost"));
    for (const l of this.listeners) l(value);
  }

  ackAll(): void {
    for (const w of this.waiting.splice(0)) w.resolve();
  }

  deliver(topic: string, payload: string | object): void {
    this.subs.get(topic)?.(Buffer.from(typeof payload === "string" ? payload : JSON.stringify(payload)));
  }

  messages(kind: string): Record<string, unknown>[] {
    return this.published.filter((m) => m.topic.endsWith(`/${kind}`)).map((m) => JSON.parse(m.payload));
  }

  async close(): Promise<void> {
    this.connected = false;
  }
}

/** Lets promise callbacks (acknowledgements) run. */
export const settle = () => new Promise<void>((r) => setImmediate(r));

export const TEST_KEY = Buffer.alloc(32, 7);

/** The pseudonym, computed independently of the gateway's classifier. */
export const pseudonym = (tenantId: string, field: string, value: string, key: Uint8Array = TEST_KEY) =>
  `p_${createHmac("sha256", key).update(`${tenantId}\u0000${field}\u0000${value}`).digest().subarray(0, 16).toString("base64url")}`;

type Flat = Record<string, SignalAggregate>;

/**
 * Aggregates computed straight from the raw readings: adapter for units, then a plain group-by on
 * window, device, patient and signal. Only for streams without faults (nothing to clean).
 */
export function expectedAggregates(
  raw: readonly RawReading[],
  devices: readonly { id: string; type: DeviceType }[],
  windowMs: number,
  tenantId: string,
): Flat {
  const types = new Map(devices.map((d) => [d.id, d.type]));
  const groups = new Map<string, { values: number[]; ts: number[] }>();
  for (const r of raw) {
    const type = types.get(r.device) as DeviceType;
    const reading = ADAPTERS[type](JSON.parse(String(r.payload)));
    const start = reading.ts - (reading.ts % windowMs);
    const mrn = reading.attributes.patientId;
    const subject = mrn ? pseudonym(tenantId, "patientId", mrn) : "";
    for (const [signal, value] of Object.entries(reading.signals)) {
      const key = `${start}|${reading.device}|${subject}|${signal}`;
      const g = groups.get(key) ?? { values: [], ts: [] };
      g.values.push(value as number);
      g.ts.push(reading.ts);
      groups.set(key, g);
    }
  }
  const out: Flat = {};
  for (const [key, g] of groups) {
    let last = 0;
    let lastTs = -Infinity;
    g.values.forEach((v, i) => {
      if ((g.ts[i] as number) >= lastTs) {
        last = v;
        lastTs = g.ts[i] as number;
      }
    });
    const sum = g.values.reduce((a, b) => a + b, 0);
    out[key] = {
      count: g.values.length,
      min: Math.min(...g.values),
      max: Math.max(...g.values),
      mean: Math.round((sum / g.values.length) * 10_000) / 10_000,
      last,
    };
  }
  return out;
}

/** Aggregate messages flattened to the same keys as expectedAggregates. */
export function flatten(messages: readonly TelemetryAggregate[]): Flat {
  const out: Flat = {};
  for (const m of messages) {
    for (const d of m.devices) {
      for (const [signal, a] of Object.entries(d.signals)) {
        const key = `${m.window.start}|${d.device}|${d.subject ?? ""}|${signal as SignalName}`;
        if (out[key]) throw new Error(`aggregate ${key} arrived twice`);
        out[key] = a as SignalAggregate;
      }
    }
  }
  return out;
}
