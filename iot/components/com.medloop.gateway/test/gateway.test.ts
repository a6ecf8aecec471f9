import { readdirSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { ConfigAck, State, TelemetryAggregate, Topics, topicFor } from "@medloop/shared/device/topics";
import { mergeParts, type Parts } from "@medloop/shared/telemetry/window-parts";
import { afterEach, describe, expect, it } from "vitest";
import { createFleet } from "../../../src/simulator/fleet.ts";
import { standardConfig } from "../../../src/standard-config.ts";
import { Gateway } from "../src/gateway.ts";
import type { AlertEvent } from "../src/pipeline/rules.ts";
import { FakeTransport, manualClock, settle, T0, TEST_KEY, tempDirs } from "./helpers.ts";

const dirs = tempDirs();
const running: Gateway[] = [];
afterEach(async () => {
  for (const g of running.splice(0)) await g.stop();
  dirs.cleanup();
});

const id = { tenantId: "tenant-a", thingName: "gw-1" };
const devices = [
  { id: "pump-001", type: "infusion-pump" },
  { id: "monitor-001", type: "patient-monitor" },
] as const;

async function start(
  opts: { dir?: string; transport?: FakeTransport; config?: ReturnType<typeof standardConfig> } = {},
) {
  const transport = opts.transport ?? new FakeTransport();
  const clock = manualClock();
  const alerts: AlertEvent[] = [];
  const gw = await Gateway.start({
    identity: id,
    transport,
    clock,
    dir: opts.dir ?? dirs.make(),
    deployedConfig: opts.config ?? standardConfig(devices),
    deidentificationKey: TEST_KEY,
    onAlert: (a) => alerts.push(a),
  });
  running.push(gw);
  return { gw, transport, clock, alerts };
}

const occluded = (seq: number, ts: number) => ({
  device: "pump-001",
  payload: JSON.stringify({
    pump_id: "pump-001",
    msg_seq: seq,
    ts,
    occlusion: { value: 120, unit: "kPa" },
    alarms: ["OCCLUSION_DOWNSTREAM"],
  }),
});

describe("gateway", () => {
  it("sends only aggregates, alerts and state upstream, each valid against its topic schema", async () => {
    const { gw, transport, clock } = await start();
    const fleet = createFleet({ seed: 3, counts: { "infusion-pump": 1, "patient-monitor": 1 }, startTs: T0 });
    for (let s = 1; s <= 130; s++) {
      gw.ingest(fleet.advance(clock.advance(1_000)));
      gw.tick();
      await settle();
    }

    const upstream = ["telemetry-aggregate", "alert", "state"].map((k) => topicFor(k as "alert", id));
    expect(transport.published.filter((m) => !upstream.includes(m.topic))).toEqual([]);
    for (const m of transport.messages("telemetry-aggregate")) TelemetryAggregate.parse(m);
    for (const m of transport.messages("state")) State.parse(m);
    expect(
      transport.messages("telemetry-aggregate").map((m) => (m as { window: { start: number } }).window.start),
    ).toEqual([T0, T0 + 60_000]);
    expect(JSON.stringify(transport.published)).not.toMatch(/MRN-|\^/);
  });

  it("raises alerts locally and keeps them while the uplink is down, then sends everything in order", async () => {
    const { gw, transport, clock, alerts } = await start();
    await settle();
    transport.setConnected(false);

    gw.ingest([occluded(1, T0 + 1_000), occluded(2, T0 + 2_000)]);
    clock.set(T0 + 70_000);
    gw.tick();

    expect(alerts.map((a) => [a.rule, a.status])).toEqual([
      ["pump-alarms", "raised"],
      ["pump-occlusion", "raised"],
    ]);
    const sentWhileDown = transport.published.length;
    transport.setConnected(true);
    await settle();

    const seqs = transport.published.map((m) => JSON.parse(m.payload).seq as number);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(transport.published.slice(sentWhileDown).map((m) => m.topic.split("/")[3])).toEqual([
      "alert",
      "alert",
      "telemetry-aggregate",
    ]);
    expect(gw.buffer.stats().pendingRecords).toBe(0);
  });

  it("resends what was in flight when the connection dropped, in order, from the acknowledged position", async () => {
    const transport = new FakeTransport();
    transport.autoAck = false;
    const { gw } = await start({ transport });
    gw.ingest([occluded(1, T0 + 1_000)]);
    await settle();
    const before = transport.published.map((m) => JSON.parse(m.payload).seq);

    transport.setConnected(false);
    transport.setConnected(true);
    transport.ackAll();
    await settle();

    expect(before).toEqual([1, 2]);
    expect(transport.published.map((m) => JSON.parse(m.payload).seq)).toEqual([1, 2, 1, 2]);
    expect(gw.buffer.ackedSeq).toBe(2);
  });

  it("applies a good configuration and acknowledges its version; rejects a bad one with the reason and keeps the old", async () => {
    const { gw, transport } = await start();
    const topic = topicFor("config", id);
    const v2 = { ...standardConfig(devices), version: 2, window: { sizeMs: 30_000, graceMs: 1_000 } };

    transport.deliver(topic, v2);
    transport.deliver(topic, { ...v2, version: 3, window: { sizeMs: 10, graceMs: 0 } });
    transport.deliver(topic, { ...v2, version: 2 });
    transport.deliver(topic, "{not json");
    transport.deliver(topic, {
      ...v2,
      version: 4,
      rules: [{ id: "x", kind: "threshold", deviceType: "autoclave", signal: "spo2", above: 1, severity: "info" }],
    });
    await settle();

    const acks = transport.messages("config-ack").map((m) => ConfigAck.parse(m));
    expect(acks.map((a) => [a.version, a.status])).toEqual([
      [2, "applied"],
      [3, "rejected"],
      [2, "rejected"],
      [null, "rejected"],
      [4, "rejected"],
    ]);
    expect(acks[1]?.reason).toMatch(/window\.sizeMs/);
    expect(acks[2]?.reason).toBe("version 2 is not newer than version 2 in force");
    expect(acks[3]?.reason).toBe("not valid JSON");
    expect(acks[4]?.reason).toMatch(/autoclave has no signal "spo2"/);
    expect(gw.config.version).toBe(2);
    expect(gw.config.window.sizeMs).toBe(30_000);
  });

  it("keeps a pushed configuration across a restart, unless a newer one is deployed", async () => {
    const dir = dirs.make();
    const first = await start({ dir });
    first.transport.deliver(topicFor("config", id), { ...standardConfig(devices), version: 5 });
    await first.gw.stop();
    running.splice(0);

    const restarted = await start({ dir });
    const redeployed = await start({ dir: dirs.make(), config: { ...standardConfig(devices), version: 9 } });

    expect(restarted.gw.config.version).toBe(5);
    expect(redeployed.gw.config.version).toBe(9);
  });

  it("reports dropped aggregates upstream as a state message when the buffer is full", async () => {
    const config = standardConfig(devices, {
      buffer: { maxBytes: 16_384, alertReserveBytes: 8_192, segmentBytes: 1_024, retainAckedBytes: 0 },
    });
    const { gw, transport, clock } = await start({ config });
    transport.setConnected(false);
    const fleet = createFleet({ seed: 5, counts: { "infusion-pump": 1, "patient-monitor": 1 }, startTs: T0 });
    for (let minute = 1; minute <= 40; minute++) {
      gw.ingest(fleet.advance(clock.advance(60_000)));
      gw.tick();
    }
    transport.setConnected(true);
    await settle();

    const drops = transport.messages("state").filter((m) => m.trigger === "buffer-drop");
    expect(drops.length).toBeGreaterThan(0);
    const last = State.parse(drops.at(-1));
    expect(last.about === "gateway" && last.buffer.droppedRecords).toBe(gw.buffer.stats().droppedRecords);
    const aggregates = transport.messages("telemetry-aggregate").map((m) => TelemetryAggregate.parse(m));
    expect(aggregates.at(-1)?.window.start).toBe(T0 + 38 * 60_000);
    expect(gw.buffer.stats().bytes).toBeLessThanOrEqual(16_384);
  });

  it("after a restart continues the sequence and sends what the previous run had not delivered", async () => {
    const dir = dirs.make();
    const down = new FakeTransport();
    down.connected = false;
    const first = await start({ dir, transport: down });
    first.gw.ingest([occluded(1, T0 + 1_000)]);
    await first.gw.stop();
    running.splice(0);

    const second = await start({ dir });
    second.gw.ingest([occluded(2, T0 + 2_000)]);
    await settle();

    const sent = second.transport.published.map((m) => [JSON.parse(m.payload).seq, m.topic.split("/")[3]]);
    expect(sent.map(([s]) => s)).toEqual(Array.from({ length: sent.length }, (_, i) => i + 1));
    expect(sent.filter(([, k]) => k === "alert")).toHaveLength(2);
    expect(second.gw.buffer.stats().pendingRecords).toBe(0);
  });

  it("declares upstream the aggregates a power failure took from behind a surviving alert", async () => {
    const dir = dirs.make();
    const down = new FakeTransport();
    down.connected = false;
    const first = await start({ dir, transport: down });
    const fleet = createFleet({ seed: 3, counts: { "infusion-pump": 1, "patient-monitor": 1 }, startTs: T0 });
    for (let s = 1; s <= 130; s++) {
      first.gw.ingest(fleet.advance(first.clock.advance(1_000)));
      first.gw.tick();
    }
    first.gw.ingest([occluded(1, first.clock.now())]);
    const held = first.gw.buffer.read(0, 1_000);
    const alertSeq = Math.max(...held.filter((r) => r.kind === 1).map((r) => r.seq));
    const lostSeqs = held.filter((r) => r.kind === 0 && r.seq < alertSeq).map((r) => r.seq);
    await first.gw.stop();
    running.splice(0);
    // The aggregates' file lost its unsynced pages; the alerts' file, synced after, kept them.
    const buffer = join(dir, "buffer");
    for (const f of readdirSync(buffer)) if (f.startsWith("bulk-")) truncateSync(join(buffer, f), 0);

    const second = await start({ dir });
    await settle();

    const declared = second.transport.messages("state").map((m) => State.parse(m));
    const lost = declared.find((m) => m.about === "gateway" && m.trigger === "records-lost");
    expect(lostSeqs.length).toBeGreaterThan(0);
    // First the aggregates behind the alert; then the stop's partial aggregates, above every survivor.
    expect(lost?.about === "gateway" && lost.lost?.[0]).toEqual({
      fromSeq: Math.min(...lostSeqs),
      toSeq: Math.max(...lostSeqs),
      reason: "power-loss",
    });
  });

  it("on a graceful stop sends the open windows' aggregates before it closes, within a bounded wait", async () => {
    const { gw, transport, clock } = await start();
    const fleet = createFleet({ seed: 3, counts: { "infusion-pump": 1 }, startTs: T0 });
    for (let s = 1; s <= 20; s++) gw.ingest(fleet.advance(clock.advance(1_000)));
    running.splice(0);

    await gw.stop({ maxWaitMs: 10_000 });

    const sent = transport.messages("telemetry-aggregate").map((m) => TelemetryAggregate.parse(m));
    expect(sent.map((m) => m.window.start)).toEqual([T0]);
    expect(gw.buffer.stats().pendingRecords).toBe(0);

    const stuck = await start();
    stuck.transport.autoAck = false;
    const again = createFleet({ seed: 3, counts: { "infusion-pump": 1 }, startTs: T0 });
    stuck.gw.ingest(again.advance(stuck.clock.advance(1_000)));
    running.splice(0);
    await stuck.gw.stop({ maxWaitMs: 50 });
    expect(stuck.transport.messages("telemetry-aggregate")).toHaveLength(1);
  });

  it("restarted inside a window, sends the rest as a second part that merges with the first to every sample", async () => {
    const dir = dirs.make();
    const first = await start({ dir });
    const fleet = createFleet({ seed: 3, counts: { "infusion-pump": 1 }, startTs: T0 });
    for (let s = 1; s <= 11; s++) first.gw.ingest(fleet.advance(first.clock.advance(1_000)));
    running.splice(0);
    await first.gw.stop();

    const second = await start({ dir });
    second.clock.set(T0 + 11_000);
    for (let s = 12; s <= 26; s++) second.gw.ingest(fleet.advance(second.clock.advance(1_000)));
    second.clock.set(T0 + 120_000);
    second.gw.tick();
    await settle();

    const parts: Parts = {};
    for (const t of [first.transport, second.transport]) {
      for (const m of t.messages("telemetry-aggregate").map((x) => TelemetryAggregate.parse(x))) {
        if (m.window.start === T0) parts[String(m.seq)] = m.devices[0]?.signals as Parts[string];
      }
    }
    expect(Object.keys(parts)).toHaveLength(2);
    const counts = Object.values(mergeParts(parts)).map((a) => a.count);
    expect(counts.length).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBe(26);
  });

  it("answers a replay request from what it still holds, and says what it no longer has", async () => {
    const buffer = { maxBytes: 65_536, alertReserveBytes: 8_192, segmentBytes: 1_024, retainAckedBytes: 0 };
    const { gw, transport, clock } = await start({ config: standardConfig(devices, { buffer }) });
    const fleet = createFleet({ seed: 5, counts: { "infusion-pump": 1, "patient-monitor": 1 }, startTs: T0 });
    for (let minute = 1; minute <= 10; minute++) {
      gw.ingest(fleet.advance(clock.advance(60_000)));
      gw.tick();
      await settle();
    }
    const oldest = gw.buffer.oldestSeq() as number;
    const lastSeq = gw.buffer.stats().lastSeq;
    const count = transport.published.length;

    transport.deliver(topicFor("replay-request", id), { schema: 1, fromSeq: "all" });
    transport.deliver(topicFor("replay-request", id), { schema: 1, fromSeq: 1 });
    await settle();
    const again = transport.published.slice(count).map((m) => JSON.parse(m.payload));

    expect(oldest).toBeGreaterThan(1);
    expect(again[0]).toMatchObject({
      about: "gateway",
      trigger: "replay-gap",
      replay: { requestedFrom: 1, availableFrom: oldest },
    });
    expect(again.slice(1).map((m) => m.seq)).toEqual(
      Array.from({ length: lastSeq + 2 - oldest }, (_, i) => oldest + i),
    );
  });

  it("splits a window's aggregates into messages of at most 100 devices, each within IoT Core's size limit", async () => {
    const monitors = Array.from({ length: 250 }, (_, i) => ({
      id: `monitor-${String(i).padStart(3, "0")}`,
      type: "patient-monitor" as const,
    }));
    const { gw, transport, clock } = await start({ config: standardConfig(monitors) });
    gw.ingest(
      monitors.map((m, i) => ({
        device: m.id,
        payload: JSON.stringify({
          dev: m.id,
          n: 1,
          t: T0 + 1_000,
          pt: { mrn: `MRN-${100_000 + i}` },
          vitals: { hr: 71.123, spo2: 97.456, nibp: { sys: 121.1, dia: 79.9, map: 93.6, unit: "mmHg" } },
        }),
      })),
    );
    clock.set(T0 + 65_000);
    gw.tick();
    await settle();

    const messages = transport.published.filter((m) => m.topic.endsWith("/telemetry-aggregate"));
    expect(messages.map((m) => TelemetryAggregate.parse(JSON.parse(m.payload)).devices.length)).toEqual([100, 100, 50]);
    for (const m of messages)
      expect(Buffer.byteLength(m.payload)).toBeLessThan(Topics.telemetryAggregate.maxPayloadBytes / 2);
  });
});
