import { readdirSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "@medloop/infra/local/ports";
import { Gateway } from "@medloop/iot/gateway/gateway";
import type { RawReading } from "@medloop/iot/gateway/pipeline/reading";
import type { AlertEvent } from "@medloop/iot/gateway/pipeline/rules";
import { createMqttTransport } from "@medloop/iot/gateway/transport/mqtt";
import { expectedAggregates, manualClock, T0, TEST_KEY, tempDirs } from "@medloop/iot/gateway-test/helpers";
import { createFleet } from "@medloop/iot/simulator/fleet";
import { standardConfig } from "@medloop/iot/standard-config";
import { patternFor, Telemetry } from "@medloop/shared";
import mqtt from "mqtt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { busTap, startTestPlatform, type TestPlatform } from "../test/platform.ts";

/**
 * Acceptance of issue 4 on the local platform: simulated devices → the real gateway component →
 * the broker (per-thing credentials, tenant topic ACL) → the declared topic rules → the ingest
 * handler → DynamoDB → queryable windows, alerts and gateway status over the API.
 */

const TENANT = "city-hospital";
/** Fault injection: first deliveries of these (thing, seq) fail in the rule action, after the broker's PUBACK. */
const failOnce = new Set<string>();
const failed = new Set<string>();
/** Telemetry events as the bus delivers them (what the early-warning engine would see). */
const onBus: { "detail-type": string; detail: { data: { thingName: string; seq: number } } }[] = [];
let p: TestPlatform;
let token: string;
const dirs = tempDirs();
const stops: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  p = await startTestPlatform({
    extraRules: [busTap(patternFor(...Object.values(Telemetry.Events)), onBus)],
    topicRuleFault: (msg) => {
      const seq = (() => {
        try {
          return (JSON.parse(msg.payload.toString("utf8")) as { seq?: number }).seq;
        } catch {
          return undefined;
        }
      })();
      const key = `${msg.thingName}#${seq}`;
      if (!failOnce.has(key) || failed.has(key)) return false;
      failed.add(key);
      return true;
    },
  });
  token = await p.login(TENANT, `biomed-engineer@${TENANT}.test`);
});
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});
afterAll(async () => {
  await p?.stop();
  dirs.cleanup();
});

const ok = <T>(res: { status: number; body: T }, status = 200): T => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

/** A pump of the test's own, so an occlusion alert can be caused on purpose. */
const testPump = (prefix: string) => ({ id: `${prefix}pump-test`, type: "infusion-pump" as const });
const occlusion = (pumpId: string, from: number) => (ts: number) =>
  ts >= from && ts < from + 2_000
    ? [
        {
          device: pumpId,
          payload: JSON.stringify({
            pump_id: pumpId,
            msg_seq: ts / 1_000,
            ts,
            occlusion: { value: 120, unit: "kPa" },
            alarms: ["OCCLUSION_DOWNSTREAM"],
          }),
        },
      ]
    : [];

/** Registers a gateway over the API, gets its credentials and runs the gateway component on the platform's broker. */
async function gatewayOnPlatform(gatewayId: string, deployedVersion = 0) {
  const prefix = `${gatewayId}-`;
  const fleet = createFleet({
    seed: 7,
    counts: { "infusion-pump": 2, "patient-monitor": 2, autoclave: 1 },
    startTs: T0,
    prefix,
  });
  const devices = [...fleet.devices, testPump(prefix)];
  const gw = ok(
    await p.call("POST", "/v1/gateways", { token, body: { gatewayId, name: `Ward ${gatewayId}`, devices } }),
    201,
  );
  const creds = ok(await p.call("POST", `/v1/gateways/${gw.thingName}/credentials`, { token }), 201);
  expect(creds).toMatchObject({ kind: "password", username: gw.thingName });
  const identity = { tenantId: TENANT, thingName: gw.thingName as string };
  const clock = manualClock();
  const localAlerts: AlertEvent[] = [];
  const dir = dirs.make();
  const connect = async () => {
    const transport = createMqttTransport({
      url: p.urls.mqtt,
      clientId: identity.thingName,
      username: creds.username,
      password: creds.password,
      reconnectMinMs: 50,
      reconnectMaxMs: 200,
    });
    const gateway = await Gateway.start({
      identity,
      transport,
      clock,
      dir,
      deployedConfig: standardConfig(devices, {
        version: deployedVersion,
        upstream: { maxInFlight: 16, statusIntervalMs: 60_000 },
      }),
      deidentificationKey: TEST_KEY,
      onAlert: (a) => localAlerts.push(a),
    });
    transport.start();
    return { transport, gateway };
  };
  let { transport, gateway } = await connect();
  stops.push(
    () => transport.close(),
    () => gateway.stop(),
  );
  await waitFor(() => transport.connected, { what: "gateway connected" });
  /** What Greengrass does on a component restart: SIGTERM (a graceful stop), then a new process on the same work directory. */
  const restart = async (beforeStart: () => void = () => {}) => {
    await gateway.stop();
    await transport.close();
    beforeStart();
    ({ transport, gateway } = await connect());
  };
  const fed: RawReading[] = [];
  const run = (seconds: number, extra: (ts: number) => RawReading[] = () => []) => {
    for (let s = 0; s < seconds; s++) {
      const now = clock.advance(1_000);
      const batch = [...fleet.advance(now), ...extra(now)];
      fed.push(...batch);
      gateway.ingest(batch);
      gateway.tick();
    }
  };
  const detail = async () => ok(await p.call("GET", `/v1/gateways/${identity.thingName}`, { token }));
  /** Until the cloud's ledger holds every sequence number the gateway handed out and nothing is pending. */
  const delivered = (timeoutMs = 30_000) =>
    waitFor(
      async () => {
        const d = await detail();
        return gateway.buffer.stats().pendingRecords === 0 &&
          gateway.inFlight === 0 &&
          d.ledger.contiguousTo === gateway.buffer.stats().lastSeq
          ? d
          : undefined;
      },
      { what: "every message accounted for in the cloud", timeoutMs, intervalMs: 100 },
    );
  return {
    gw,
    identity,
    get gateway() {
      return gateway;
    },
    get transport() {
      return transport;
    },
    clock,
    devices,
    fed,
    run,
    localAlerts,
    detail,
    delivered,
    creds,
    dir,
    restart,
  };
}

/** The cloud's windows of every device, flattened to the keys expectedAggregates uses. */
async function cloudAggregates(devices: { id: string }[], from: number, to: number) {
  const out: Record<string, unknown> = {};
  const seqsInOrder: boolean[] = [];
  for (const d of devices) {
    const { items } = ok(await p.call("GET", `/v1/devices/${d.id}/windows?from=${from}&to=${to}`, { token }));
    const byStart = [...items].sort((a: { start: number }, b: { start: number }) => a.start - b.start);
    seqsInOrder.push(byStart.every((w: { seq: number }, i: number) => i === 0 || w.seq >= byStart[i - 1].seq));
    for (const w of items) {
      for (const [signal, a] of Object.entries(w.signals)) {
        const key = `${w.start}|${d.id}|${w.subject ?? ""}|${signal}`;
        if (out[key]) throw new Error(`window ${key} stored twice`);
        out[key] = a;
      }
    }
  }
  return { aggregates: out, inOrder: seqsInOrder.every(Boolean) };
}

describe("edge telemetry end to end on the local platform", () => {
  it("turns device readings into queryable windows, alerts and gateway status", async () => {
    const g = await gatewayOnPlatform("ward-a");
    g.run(5 * 60, occlusion(testPump("ward-a-").id, T0 + 100_000));
    g.clock.advance(65_000);
    g.gateway.tick();
    const detail = await g.delivered();

    const cloud = await cloudAggregates(g.devices, T0, T0 + 10 * 60_000);
    expect(cloud.aggregates).toEqual(expectedAggregates(g.fed, g.devices, 60_000, TENANT));
    expect(Object.keys(cloud.aggregates).length).toBeGreaterThan(5 * 5);
    expect(detail).toMatchObject({ status: "online", ledger: { duplicates: 0, pendingAbove: 0 } });

    const alerts = ok(await p.call("GET", `/v1/alerts?from=${T0}&to=${T0 + 10 * 60_000}`, { token })).items;
    expect(alerts.map((a: { alertId: string }) => a.alertId)).toEqual(
      expect.arrayContaining(g.localAlerts.map((a) => a.alertId)),
    );
    expect(alerts.some((a: { rule: string }) => a.rule === "pump-occlusion")).toBe(true);
    expect(JSON.stringify(alerts)).not.toMatch(/MRN-/);

    const devices = ok(await p.call("GET", `/v1/devices?thingName=${g.identity.thingName}`, { token })).items;
    expect(devices).toHaveLength(g.devices.length);
    expect(devices.find((d: { deviceId: string }) => d.deviceId === testPump("ward-a-").id)).toMatchObject({
      status: "online",
    });
  });

  it("loses nothing and duplicates nothing when the broker stops under load; alerts fire locally meanwhile", async () => {
    const g = await gatewayOnPlatform("ward-b");
    g.run(3 * 60);
    await g.delivered();

    await p.mqtt.stop();
    await waitFor(() => !g.transport.connected, { what: "gateway sees the outage" });
    const alertsBefore = g.localAlerts.length;
    g.run(4 * 60, occlusion(testPump("ward-b-").id, T0 + 4 * 60_000));
    expect(g.localAlerts.slice(alertsBefore).map((a) => [a.rule, a.status])).toEqual([
      ["pump-alarms", "raised"],
      ["pump-occlusion", "raised"],
    ]);
    expect(g.gateway.buffer.stats().pendingRecords).toBeGreaterThan(4);

    await p.mqtt.start();
    g.run(60);
    g.clock.advance(65_000);
    g.gateway.tick();
    const detail = await g.delivered();

    const cloud = await cloudAggregates(g.devices, T0, T0 + 12 * 60_000);
    expect(cloud.aggregates).toEqual(expectedAggregates(g.fed, g.devices, 60_000, TENANT));
    expect(cloud.inOrder).toBe(true);
    expect(detail.ledger.gap).toBeUndefined();
    // Every accepted message's events left exactly once, however often the message arrived.
    await p.settled();
    const windowSeqs = onBus
      .filter(
        (e) => e["detail-type"] === "Telemetry.WindowAggregated.v1" && e.detail.data.thingName === g.identity.thingName,
      )
      .map((e) => e.detail.data.seq);
    expect(new Set(windowSeqs).size).toBe(windowSeqs.length);
    expect(windowSeqs.length).toBeGreaterThanOrEqual(8);
    expect(detail.ledger.lost).toEqual([]);
    const alerts = ok(await p.call("GET", `/v1/alerts?from=${T0}&to=${T0 + 12 * 60_000}`, { token })).items;
    const stored = new Set(alerts.map((a: { alertId: string; status: string }) => `${a.alertId}/${a.status}`));
    for (const a of g.localAlerts) expect(stored).toContain(`${a.alertId}/${a.status}`);
    expect(alerts.filter((a: { thingName: string }) => a.thingName === g.identity.thingName)).toHaveLength(
      g.localAlerts.length,
    );
  });

  it("sees a gap when deliveries fail after the broker acknowledged them, and has the gateway replay it", async () => {
    const g = await gatewayOnPlatform("ward-c");
    failOnce.add(`${g.identity.thingName}#3`);
    failOnce.add(`${g.identity.thingName}#4`);
    // Load keeps coming while the cloud waits out the gap's grace period and asks for the replay.
    const load = setInterval(() => g.run(10), 200);
    stops.push(() => clearInterval(load));
    const detail = await waitFor(
      async () => {
        const d = await g.detail();
        return d.ledger.replayRequests > 0 && d.ledger.contiguousTo >= 6 ? d : undefined;
      },
      { what: "gap replayed", timeoutMs: 30_000, intervalMs: 200 },
    );
    clearInterval(load);
    expect(failed).toContain(`${g.identity.thingName}#3`);
    expect(detail.ledger.duplicates).toBeGreaterThan(0);
    g.clock.advance(65_000);
    g.gateway.tick();
    await g.delivered();
    const cloud = await cloudAggregates(g.devices, T0, g.clock.now());
    expect(cloud.aggregates).toEqual(expectedAggregates(g.fed, g.devices, 60_000, TENANT));
  });
});

describe("edge telemetry across gateway restarts and power failures", () => {
  /** Mean from the parts' rounded means can differ from the mean of all samples in the 4th decimal. */
  const comparable = (aggregates: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(aggregates).map(([k, a]) => {
        const { mean, ...rest } = a as { mean: number };
        return [k, { ...rest, mean: Math.round(mean * 1_000) / 1_000 }];
      }),
    );

  it("counts every sample of a window a graceful restart cut in two, and each part once", async () => {
    const g = await gatewayOnPlatform("ward-r");
    g.run(60 + 20);
    await g.restart();
    g.run(40);
    g.clock.advance(65_000);
    g.gateway.tick();
    const detail = await g.delivered();

    const cloud = await cloudAggregates(g.devices, T0, T0 + 10 * 60_000);
    const expected = expectedAggregates(g.fed, g.devices, 60_000, TENANT);
    expect(Object.keys(cloud.aggregates).sort()).toEqual(Object.keys(expected).sort());
    expect(comparable(cloud.aggregates)).toEqual(comparable(expected));
    expect(detail.ledger.gap).toBeUndefined();
  });

  it("moves the ledger past records the gateway lost in a power failure, and raises it", async () => {
    const g = await gatewayOnPlatform("ward-p");
    g.run(30);
    await g.delivered();
    await p.mqtt.stop();
    await waitFor(() => !g.transport.connected, { what: "gateway sees the outage" });
    g.run(3 * 60, occlusion(testPump("ward-p-").id, T0 + 3 * 60_000));
    // Power fails: the aggregates' file loses its pages, the alerts' file, synced after it, keeps them.
    await g.restart(() => {
      const buffer = join(g.dir, "buffer");
      for (const f of readdirSync(buffer)) if (f.startsWith("bulk-")) truncateSync(join(buffer, f), 0);
    });
    await p.mqtt.start();
    g.run(10);
    const detail = await g.delivered();

    expect(detail.ledger.gap).toBeUndefined();
    expect(detail.ledger.lost.length).toBeGreaterThan(0);
    expect(detail.ledger.lost.every((r: { reason: string }) => r.reason === "power-loss")).toBe(true);
    await p.settled();
    const raised = onBus.filter(
      (e) => e["detail-type"] === "Telemetry.RecordsLost.v1" && e.detail.data.thingName === g.identity.thingName,
    );
    expect(raised).toHaveLength(1);
  });
});

describe("versioned configuration pushed from the cloud", () => {
  const configsOf = async (thingName: string) =>
    ok(await p.call("GET", `/v1/gateways/${thingName}/configs`, { token })).items as {
      version: number;
      status: string;
      reason?: string;
    }[];

  it("is applied by the gateway and acknowledged; one the gateway refuses leaves the previous in force", async () => {
    // A gateway on its deployed version 0 takes version 1 (a stricter occlusion limit)
    const g = await gatewayOnPlatform("ward-d");
    const { version: _, ...config } = standardConfig(g.devices, {
      rules: [
        {
          id: "pump-occlusion",
          kind: "threshold",
          deviceType: "infusion-pump",
          signal: "occlusionPressure",
          above: 60,
          severity: "critical",
        },
      ],
    });
    const pushed = ok(
      await p.call("POST", `/v1/gateways/${g.identity.thingName}/configs`, {
        token,
        body: config,
        headers: { "idempotency-key": `push-${g.identity.thingName}-1` },
      }),
      201,
    );
    expect(pushed).toMatchObject({ version: 1, status: "pushed" });
    // The same submission again (a retried request) answers the same and pushes nothing new
    const again = await p.call("POST", `/v1/gateways/${g.identity.thingName}/configs`, {
      token,
      body: config,
      headers: { "idempotency-key": `push-${g.identity.thingName}-1` },
    });
    expect(again.body).toEqual(pushed);
    await waitFor(async () => (await configsOf(g.identity.thingName))[0]?.status === "applied", { what: "v1 applied" });
    expect(g.gateway.config.version).toBe(1);
    expect(g.gateway.config.rules.map((r) => r.id)).toEqual(["pump-occlusion"]);
    g.run(90);
    await g.delivered();
    expect((await g.detail()).appliedConfigVersion).toBe(1);

    // A gateway that already runs a newer version (deployed locally as 5) refuses version 1 and says why
    const h = await gatewayOnPlatform("ward-e", 5);
    ok(
      await p.call("POST", `/v1/gateways/${h.identity.thingName}/configs`, {
        token,
        body: { ...config, devices: h.devices },
        headers: { "idempotency-key": `push-${h.identity.thingName}-1` },
      }),
      201,
    );
    const [answer] = await waitFor(
      async () => {
        const c = await configsOf(h.identity.thingName);
        return c[0]?.status === "rejected" ? c : undefined;
      },
      { what: "v1 rejected" },
    );
    expect(answer?.reason).toMatch(/not newer than version 5/);
    expect(h.gateway.config.version).toBe(5);
    expect(h.gateway.config.rules.length).toBeGreaterThan(1);

    // And a configuration that breaks the schema never leaves the cloud
    const bad = await p.call("POST", `/v1/gateways/${g.identity.thingName}/configs`, {
      token,
      body: { ...config, buffer: { ...config.buffer, alertReserveBytes: config.buffer.maxBytes } },
    });
    expect(bad.status).toBe(400);
    expect((await configsOf(g.identity.thingName)).map((c) => c.version)).toEqual([1]);
  });
});

describe("hostile input and isolation", () => {
  const connect = (username: string, password: string) =>
    mqtt.connectAsync(p.urls.mqtt, { clientId: username, username, password, reconnectPeriod: 0 });

  it("refuses bad JSON, wrong types, huge messages and unknown devices with a reason, counted; keeps the rest", async () => {
    const known = { id: "hostile-gw-pump-1", type: "infusion-pump" as const };
    const gw = ok(
      await p.call("POST", "/v1/gateways", {
        token,
        body: { gatewayId: "hostile-gw", name: "Hostile", devices: [known] },
      }),
      201,
    );
    const creds = ok(await p.call("POST", `/v1/gateways/${gw.thingName}/credentials`, { token }), 201);
    const client = await connect(creds.username, creds.password);
    stops.push(() => client.endAsync());
    const topic = (kind: string) => `medloop/${TENANT}/${gw.thingName}/${kind}`;
    const stats = { count: 2, min: 1, max: 3, mean: 2, last: 3 };
    await client.publishAsync(topic("telemetry-aggregate"), "{not json", { qos: 1 });
    await client.publishAsync(topic("alert"), JSON.stringify({ schema: 1, seq: "one", alertId: 5 }), { qos: 1 });
    await client.publishAsync(topic("state"), Buffer.alloc(200_000, 0x7b), { qos: 1 });
    await client.publishAsync(
      topic("telemetry-aggregate"),
      JSON.stringify({
        schema: 1,
        seq: 1,
        window: { start: T0, end: T0 + 60_000 },
        devices: [
          { device: known.id, type: known.type, signals: { rate: stats } },
          { device: "intruder-9", type: "infusion-pump", signals: { rate: stats } },
        ],
      }),
      { qos: 1 },
    );
    const detail = await waitFor(
      async () => {
        const d = ok(await p.call("GET", `/v1/gateways/${gw.thingName}`, { token }));
        return d.rejections.length === 4 && d.ledger.contiguousTo === 1 ? d : undefined;
      },
      { what: "four refusals counted", timeoutMs: 15_000, intervalMs: 100 },
    );
    const byReason = Object.fromEntries(
      detail.rejections.map((r: { reason: string; count: number; lastDetail: string }) => [r.reason, r]),
    );
    expect(Object.keys(byReason).sort()).toEqual(["bad-json", "invalid-payload", "too-large", "unknown-device"]);
    for (const r of Object.values(byReason) as { count: number; lastDetail: string }[]) {
      expect(r.count).toBe(1);
      expect(r.lastDetail.length).toBeGreaterThan(0);
    }
    expect(byReason["unknown-device"].lastDetail).toContain("intruder-9");
    const windows = ok(await p.call("GET", `/v1/devices/${known.id}/windows?from=${T0}&to=${T0 + 60_000}`, { token }));
    expect(windows.items).toEqual([expect.objectContaining({ start: T0, signals: { rate: stats } })]);
  });

  it("stops a gateway of one tenant from publishing to or subscribing on another tenant's topics, and logs it", async () => {
    const gw = ok(await p.call("POST", "/v1/gateways", { token, body: { gatewayId: "nosy", name: "Nosy" } }), 201);
    const creds = ok(await p.call("POST", `/v1/gateways/${gw.thingName}/credentials`, { token }), 201);
    const victim = "medloop/river-hospital/river-hospital_ward-1";
    const client = await connect(creds.username, creds.password);
    stops.push(() => client.endAsync(true));
    await expect(client.subscribeAsync(`${victim}/config`, { qos: 1 })).rejects.toThrow(/Subscribe error/);
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
    client.publish(`${victim}/alert`, JSON.stringify({ schema: 1, seq: 1 }), { qos: 1 });
    await closed;
    const refusals = p.mqtt.broker.refusals().filter((r) => r.clientId === gw.thingName);
    expect(refusals.map((r) => [r.action, r.topic])).toEqual([
      ["subscribe", `${victim}/config`],
      ["publish", `${victim}/alert`],
    ]);
    const river = await p.login("river-hospital", "biomed-engineer@river-hospital.test");
    expect(ok(await p.call("GET", "/v1/alerts", { token: river })).items).toEqual([]);
  });
});

describe("device ids", () => {
  it("are an organisation's own: another may use the same id, and each sees its device by name and place", async () => {
    const river = await p.login("river-hospital", "admin@river-hospital.test");
    const pump = (where: string) => ({ id: "pump-7", type: "infusion-pump", name: "Pump 7", location: where });
    // The same id in two organisations: both registrations stand
    ok(
      await p.call("POST", "/v1/gateways", {
        token,
        body: { gatewayId: "ids-a", name: "A", devices: [pump("Ward A, bed 7")] },
      }),
      201,
    );
    ok(
      await p.call("POST", "/v1/gateways", {
        token: river,
        body: { gatewayId: "ids-b", name: "B", devices: [pump("PICU, bed 2")] },
      }),
      201,
    );
    const mine = (t: string) =>
      p
        .call("GET", "/v1/devices", { token: t })
        .then((r) => ok(r).items.filter((d: { deviceId: string }) => d.deviceId === "pump-7"));
    expect(await mine(token)).toEqual([
      expect.objectContaining({ name: "Pump 7", location: "Ward A, bed 7", thingName: `${TENANT}_ids-a` }),
    ]);
    expect(await mine(river)).toEqual([
      expect.objectContaining({ name: "Pump 7", location: "PICU, bed 2", thingName: "river-hospital_ids-b" }),
    ]);
    // Within one organisation an id names one device
    const again = await p.call("POST", "/v1/gateways", {
      token,
      body: { gatewayId: "ids-c", name: "C", devices: [pump("Ward C")] },
    });
    expect([again.status, again.body.error.code]).toEqual([409, "device-registered"]);
    // A name that spoofs another is refused like any text
    const spoof = await p.call("POST", "/v1/gateways", {
      token,
      body: { gatewayId: "ids-d", name: "D", devices: [{ ...pump("Ward D"), id: "pump-8", name: "Pump\u202e7" }] },
    });
    expect([spoof.status, spoof.body.error.code]).toEqual([400, "invalid-input"]);
  });
});
