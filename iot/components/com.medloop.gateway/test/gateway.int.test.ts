import { type Broker, createCredentialStore, startBroker } from "@medloop/infra/local/broker";
import { freePort, waitFor } from "@medloop/infra/local/ports";
import {
  Alert,
  ruleTopicFilter,
  type TelemetryAggregate,
  TelemetryAggregate as TelemetryAggregateSchema,
  UPSTREAM_TOPICS,
} from "@medloop/shared/device/topics";
import { afterEach, describe, expect, it } from "vitest";
import { createFleet } from "../../../src/simulator/fleet.ts";
import { standardConfig } from "../../../src/standard-config.ts";
import { Gateway } from "../src/gateway.ts";
import type { RawReading } from "../src/pipeline/reading.ts";
import type { AlertEvent } from "../src/pipeline/rules.ts";
import { createMqttTransport } from "../src/transport/mqtt.ts";
import { expectedAggregates, flatten, manualClock, T0, TEST_KEY, tempDirs } from "./helpers.ts";

const id = { tenantId: "tenant-int", thingName: "gw-int-1" };
const dirs = tempDirs();
const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  dirs.cleanup();
});

/** The local IoT Core: a broker with the declared topic rules, collecting what arrives, in order. */
async function cloud(port: number, credentials = createCredentialStore()) {
  const arrived: { kind: string; body: Record<string, unknown> }[] = [];
  const broker: Broker = await startBroker({
    port,
    credentials,
    topicRules: UPSTREAM_TOPICS.map((t) => ({
      name: t.rule?.name ?? t.kind,
      topicFilter: ruleTopicFilter(t.kind),
      invoke: async (m) => {
        arrived.push({ kind: t.kind, body: JSON.parse(m.payload.toString("utf8")) });
      },
    })),
  });
  return { broker, arrived, credentials };
}

async function gatewayOn(url: string, creds: { username: string; password: string }) {
  const transport = createMqttTransport({
    url,
    clientId: id.thingName,
    ...creds,
    reconnectMinMs: 50,
    reconnectMaxMs: 200,
  });
  const clock = manualClock();
  const fleet = createFleet({
    seed: 42,
    counts: { "infusion-pump": 2, "patient-monitor": 2, autoclave: 1, "moulding-machine": 1 },
    startTs: T0,
  });
  const devices = [...fleet.devices, testPump];
  const localAlerts: AlertEvent[] = [];
  const gw = await Gateway.start({
    identity: id,
    transport,
    clock,
    dir: dirs.make(),
    deployedConfig: standardConfig(devices),
    deidentificationKey: TEST_KEY,
    onAlert: (a) => localAlerts.push(a),
  });
  transport.start();
  stops.push(
    () => transport.close(),
    () => gw.stop(),
  );
  await waitFor(() => transport.connected, { what: "gateway connected" });
  const fed: RawReading[] = [];
  /** Feeds the fleet second by second for `seconds` of simulated time, ticking the gateway. */
  const run = (seconds: number, extra: (ts: number) => RawReading[] = () => []) => {
    for (let s = 0; s < seconds; s++) {
      const now = clock.advance(1_000);
      const batch = [...fleet.advance(now), ...extra(now)];
      fed.push(...batch);
      gw.ingest(batch);
      gw.tick();
    }
  };
  return { gw, transport, clock, devices, fed, run, localAlerts };
}

/** A pump of the test's own, besides the fleet, so its readings are exactly the test's. */
const testPump = { id: "pump-test", type: "infusion-pump" } as const;

/** A pump occlusion the standard rules alert on: two samples above 80 kPa, with the pump's alarm. */
const occlusion = (from: number) => (ts: number) =>
  ts >= from && ts < from + 2_000
    ? [
        {
          device: testPump.id,
          payload: JSON.stringify({
            pump_id: testPump.id,
            msg_seq: ts / 1_000,
            ts,
            occlusion: { value: 120, unit: "kPa" },
            alarms: ["OCCLUSION_DOWNSTREAM"],
          }),
        },
      ]
    : [];

const aggregatesOf = (arrived: { kind: string; body: Record<string, unknown> }[]) =>
  arrived
    .filter((a) => a.kind === "telemetry-aggregate")
    .map((a) => TelemetryAggregateSchema.parse(a.body) as TelemetryAggregate);

describe("gateway over MQTT to the local broker", () => {
  it("delivers the aggregates computed from the raw stream, and the alerts, through the topic rules", async () => {
    const port = await freePort();
    const c = await cloud(port);
    stops.push(() => c.broker.stop());
    const g = await gatewayOn(c.broker.url, c.credentials.issue(id.tenantId, id.thingName));

    g.run(5 * 60, occlusion(T0 + 100_000));
    g.clock.advance(65_000);
    g.gw.tick();
    await waitFor(() => g.gw.buffer.stats().pendingRecords === 0 && g.gw.inFlight === 0, { what: "all delivered" });

    const expected = expectedAggregates(g.fed, g.devices, 60_000, id.tenantId);
    expect(flatten(aggregatesOf(c.arrived))).toEqual(expected);
    expect(Object.keys(expected).length).toBeGreaterThan(5 * 6 * 2);
    const alerts = c.arrived.filter((a) => a.kind === "alert").map((a) => Alert.parse(a.body));
    expect(alerts.map((a) => a.alertId)).toEqual(
      expect.arrayContaining([
        `pump-occlusion:pump-test:${T0 + 101_000}`,
        `pump-alarms:pump-test:OCCLUSION_DOWNSTREAM:${T0 + 100_000}`,
      ]),
    );
    expect(alerts.map((a) => [a.alertId, a.status])).toEqual(g.localAlerts.map((a) => [a.alertId, a.status]));
    expect(JSON.stringify(c.arrived)).not.toMatch(/MRN-/);
  });

  it("keeps alerting through a broker outage, then replays every message exactly once, in sequence order", async () => {
    const port = await freePort();
    const credentials = createCredentialStore();
    const c = await cloud(port, credentials);
    const arrived = c.arrived;
    const g = await gatewayOn(c.broker.url, credentials.issue(id.tenantId, id.thingName));

    g.run(3 * 60);
    await waitFor(() => g.gw.buffer.stats().pendingRecords === 0 && g.gw.inFlight === 0, {
      what: "delivered before the outage",
    });
    const beforeOutage = arrived.length;
    await c.broker.stop();
    await waitFor(() => !g.transport.connected, { what: "gateway sees the outage" });

    const alertsBefore = g.localAlerts.length;
    g.run(4 * 60, occlusion(T0 + 4 * 60_000));
    const raisedOffline = g.localAlerts.slice(alertsBefore);
    expect(raisedOffline.map((a) => [a.rule, a.status])).toEqual([
      ["pump-alarms", "raised"],
      ["pump-occlusion", "raised"],
    ]);
    expect(arrived.length).toBe(beforeOutage);
    expect(g.gw.buffer.stats().pendingRecords).toBeGreaterThan(4);

    const again = await startBroker({
      port,
      credentials,
      topicRules: UPSTREAM_TOPICS.map((t) => ({
        name: t.kind,
        topicFilter: ruleTopicFilter(t.kind),
        invoke: async (m) => {
          arrived.push({ kind: t.kind, body: JSON.parse(m.payload.toString("utf8")) });
        },
      })),
    });
    stops.push(() => again.stop());
    g.run(60);
    g.clock.advance(65_000);
    g.gw.tick();
    await waitFor(() => g.gw.buffer.stats().pendingRecords === 0 && g.gw.inFlight === 0, {
      what: "replay finished",
      timeoutMs: 30_000,
    });

    const seqs = arrived.map((a) => a.body.seq as number);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(flatten(aggregatesOf(arrived))).toEqual(expectedAggregates(g.fed, g.devices, 60_000, id.tenantId));
    const delivered = new Set(
      arrived.filter((a) => a.kind === "alert").map((a) => `${a.body.alertId}/${a.body.status}`),
    );
    for (const a of raisedOffline) expect(delivered).toContain(`${a.alertId}/${a.status}`);
  });
});
