import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createCredentialStore, startBroker } from "@medloop/infra/local/broker";
import { freePort, waitFor } from "@medloop/infra/local/ports";
import { Gateway } from "@medloop/iot/gateway/gateway";
import { Pipeline } from "@medloop/iot/gateway/pipeline/pipeline";
import { createMqttTransport } from "@medloop/iot/gateway/transport/mqtt";
import type { Transport } from "@medloop/iot/gateway/transport/transport";
import { createFleet, type SimulatedReading } from "@medloop/iot/simulator/fleet";
import { standardConfig } from "@medloop/iot/standard-config";
import type { DeviceType } from "@medloop/shared/device/devices";
import { ruleTopicFilter, UPSTREAM_TOPICS } from "@medloop/shared/device/topics";

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const KEY = Buffer.alloc(32, 1);
const identity = { tenantId: "bench", thingName: "gw-bench" };
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms);

/** An uplink that acknowledges at once and counts what it carries (or refuses everything while "down"). */
class CountingTransport implements Transport {
  connected = true;
  messages = 0;
  bytes = 0;
  private readonly listeners: ((c: boolean) => void)[] = [];
  publish(topic: string, payload: Uint8Array): Promise<void> {
    if (!this.connected) return Promise.reject(new Error("down"));
    this.messages++;
    this.bytes += payload.byteLength + Buffer.byteLength(topic);
    return Promise.resolve();
  }
  async subscribe(): Promise<void> {}
  onConnectionChange(l: (c: boolean) => void): void {
    this.listeners.push(l);
  }
  set(connected: boolean): void {
    this.connected = connected;
    for (const l of this.listeners) l(connected);
  }
  async close(): Promise<void> {}
}

const fleetOf = (perType: number, seed = 7) => {
  const counts = Object.fromEntries(
    (["infusion-pump", "patient-monitor", "autoclave", "moulding-machine"] as DeviceType[]).map((t) => [t, perType]),
  );
  return createFleet({ seed, counts, startTs: T0 });
};

/** Per simulated second: the readings of that second. Generated before any timing starts. */
function generate(
  perType: number,
  seconds: number,
): { devices: ReturnType<typeof fleetOf>["devices"]; seconds: SimulatedReading[][] } {
  const fleet = fleetOf(perType);
  const out: SimulatedReading[][] = [];
  for (let s = 1; s <= seconds; s++) out.push(fleet.advance(T0 + s * 1_000));
  return { devices: fleet.devices, seconds: out };
}

const tempDir = () => mkdtempSync(join(tmpdir(), "medloop-edge-bench-"));
const tick = () => new Promise<void>((r) => setImmediate(r));

function pipelineThroughput(data: ReturnType<typeof generate>): { readings: number; ms: number } {
  const p = new Pipeline(identity.tenantId, KEY, standardConfig(data.devices));
  let readings = 0;
  const start = performance.now();
  data.seconds.forEach((batch, i) => {
    const now = T0 + (i + 1) * 1_000;
    p.ingest(batch, now);
    p.closeDue(now);
    readings += batch.length;
  });
  return { readings, ms: performance.now() - start };
}

/** Live heap after a full collection, so the figure is what the gateway holds, not garbage not yet collected. */
function liveHeap(): number {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return process.memoryUsage().heapUsed;
}

interface Source {
  devices: { id: string; type: DeviceType }[];
  seconds: number;
  at: (i: number) => SimulatedReading[];
}

const pregenerated = (data: ReturnType<typeof generate>): Source => ({
  devices: data.devices,
  seconds: data.seconds.length,
  at: (i) => data.seconds[i] as SimulatedReading[],
});

/** Readings made as the run goes, so the bench's own data does not count as the gateway's memory. */
const live = (perType: number, seconds: number): Source => {
  const fleet = fleetOf(perType);
  return { devices: fleet.devices, seconds, at: (i) => fleet.advance(T0 + (i + 1) * 1_000) };
};

/** Full gateway (pipeline, buffer with fsync, forwarder) with an immediate-ack uplink. */
async function gatewayRun(data: Source, transport: CountingTransport, dir: string, outageMemoryAt: number[] = []) {
  const clock = { t: T0, now: () => clock.t };
  const gw = await Gateway.start({
    identity,
    transport,
    clock,
    dir,
    deployedConfig: standardConfig(data.devices),
    deidentificationKey: KEY,
  });
  let rawBytes = 0;
  let readings = 0;
  const memory: { minute: number; rss: number; heap: number }[] = [];
  let peakRss = 0;
  let busyMs = 0;
  for (let i = 0; i < data.seconds; i++) {
    const batch = data.at(i);
    clock.t = T0 + (i + 1) * 1_000;
    for (const r of batch) rawBytes += Buffer.byteLength(r.payload);
    readings += batch.length;
    const t = performance.now();
    gw.ingest(batch);
    gw.tick();
    busyMs += performance.now() - t;
    if (i % 10 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const minute = (i + 1) / 60;
    if (outageMemoryAt.includes(minute)) memory.push({ minute, rss: peakRss, heap: liveHeap() });
    if (transport.connected && i % 50 === 0) await tick();
  }
  return { gw, clock, rawBytes, readings, ms: busyMs, memory };
}

export async function runEdgeBench(): Promise<void> {
  await throughputAndShare();
  await outageAndReplay();
}

async function throughputAndShare(): Promise<void> {
  // 1. Pipeline throughput on one core (this process): 100 devices of each type, 20 minutes.
  const data = generate(100, 20 * 60);
  pipelineThroughput(data);
  const p = pipelineThroughput(data);
  console.log(
    `pipeline: ${p.readings.toLocaleString()} readings in ${p.ms.toFixed(0)} ms = ${perSecond(p.readings, p.ms).toLocaleString()} readings/s (target ≥ 100,000/s)`,
  );

  // 2. The whole gateway, and what goes upstream as a share of the raw bytes, at 1-minute windows.
  const dir = tempDir();
  try {
    const up = new CountingTransport();
    const g = await gatewayRun(pregenerated(data), up, dir);
    g.clock.t += 65_000;
    g.gw.tick();
    await waitFor(() => g.gw.buffer.stats().pendingRecords === 0 && g.gw.inFlight === 0, { what: "drained" });
    await g.gw.stop();
    console.log(
      `gateway (pipeline + buffer with one fdatasync per batch + uplink), batches of 1 s of readings: ${perSecond(g.readings, g.ms).toLocaleString()} readings/s`,
    );
    console.log(
      `upstream: ${mb(up.bytes)} in ${up.messages.toLocaleString()} messages for ${mb(g.rawBytes)} of raw readings = ${((100 * up.bytes) / g.rawBytes).toFixed(2)}% (target ≤ 5%)`,
    );
    await durabilityCost(data, perSecond(g.readings, g.ms));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The cost of durability: the same run with the buffer in memory (tmpfs, where fdatasync returns at
 * once), so the difference is the sync per batch and nothing else.
 */
async function durabilityCost(data: ReturnType<typeof generate>, synced: number): Promise<void> {
  if (!existsSync("/dev/shm")) {
    console.log("durability cost: no tmpfs at /dev/shm to compare with");
    return;
  }
  const dir = mkdtempSync(join("/dev/shm", "medloop-edge-bench-"));
  try {
    const g = await gatewayRun(pregenerated(data), new CountingTransport(), dir);
    await g.gw.stop();
    const unsynced = perSecond(g.readings, g.ms);
    console.log(
      `durability cost: ${synced.toLocaleString()} readings/s with one sync per batch, ${unsynced.toLocaleString()} readings/s without (tmpfs) = ${((100 * (unsynced - synced)) / unsynced).toFixed(1)}% of the throughput`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function outageAndReplay(): Promise<void> {
  // 3. A 10-minute outage of 1,000 devices: memory as it grows, then the replay rate, in memory and over MQTT.
  for (const via of ["loopback", "mqtt"] as const) {
    const d = tempDir();
    try {
      const down = new CountingTransport();
      down.set(false);
      const outage = live(250, 10 * 60);
      const before = liveHeap();
      const g = await gatewayRun(outage, down, d, [1, 5, 10]);
      if (via === "loopback") {
        console.log(`outage 0 min: live heap ${mb(before)}`);
        for (const m of g.memory) console.log(`outage ${m.minute} min: peak rss ${mb(m.rss)}, live heap ${mb(m.heap)}`);
      }
      const pending = g.gw.buffer.stats();
      await g.gw.stop();
      const replay = via === "loopback" ? await replayLoopback(d, outage.devices) : await replayMqtt(d, outage.devices);
      console.log(
        `replay via ${via} after 10 min: ${pending.pendingRecords.toLocaleString()} messages (${mb(pending.bytes)} on disk) in ${replay.toFixed(0)} ms = ${perSecond(pending.pendingRecords, replay).toLocaleString()} messages/s, ${((pending.bytes / 1024 / 1024) * (1000 / replay)).toFixed(1)} MB/s`,
      );
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  }
}

async function replayLoopback(dir: string, devices: { id: string; type: DeviceType }[]): Promise<number> {
  const up = new CountingTransport();
  up.set(false);
  const gw = await Gateway.start({
    identity,
    transport: up,
    clock: { now: () => T0 + 11 * 60_000 },
    dir,
    deployedConfig: standardConfig(devices),
    deidentificationKey: KEY,
  });
  const start = performance.now();
  up.set(true);
  await waitFor(() => gw.buffer.stats().pendingRecords === 0 && gw.inFlight === 0, { intervalMs: 1, what: "replayed" });
  const ms = performance.now() - start;
  await gw.stop();
  return ms;
}

async function replayMqtt(dir: string, devices: { id: string; type: DeviceType }[]): Promise<number> {
  const credentials = createCredentialStore();
  let arrived = 0;
  const broker = await startBroker({
    port: await freePort(),
    credentials,
    topicRules: UPSTREAM_TOPICS.map((t) => ({
      name: t.kind,
      topicFilter: ruleTopicFilter(t.kind),
      invoke: async () => {
        arrived++;
      },
    })),
  });
  const transport = createMqttTransport({
    url: broker.url,
    clientId: identity.thingName,
    ...credentials.issue(identity.tenantId, identity.thingName),
  });
  const gw = await Gateway.start({
    identity,
    transport,
    clock: { now: () => T0 + 11 * 60_000 },
    dir,
    deployedConfig: standardConfig(devices),
    deidentificationKey: KEY,
  });
  try {
    const start = performance.now();
    transport.start();
    await waitFor(() => transport.connected && gw.buffer.stats().pendingRecords === 0 && gw.inFlight === 0, {
      intervalMs: 1,
      what: "replayed",
      timeoutMs: 120_000,
    });
    const ms = performance.now() - start;
    return arrived > 0 ? ms : Number.NaN;
  } finally {
    await gw.stop();
    await transport.close();
    await broker.stop();
  }
}
