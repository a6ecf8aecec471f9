import { connectAsync, type IClientOptions, type MqttClient } from "mqtt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type Broker,
  createCredentialStore,
  type LocalCredentialStore,
  startBroker,
  type TopicRuleMessage,
  topicMatches,
} from "./broker.ts";
import { freePort, waitFor } from "./ports.ts";

const service = { username: "medloop-platform", password: "local-service-secret" };
let broker: Broker;
let store: LocalCredentialStore;
const ruleCalls: { rule: string; msg: TopicRuleMessage }[] = [];
const logs: Record<string, unknown>[] = [];
const clients: MqttClient[] = [];

beforeAll(async () => {
  store = createCredentialStore();
  broker = await startBroker({
    port: await freePort(),
    credentials: store,
    serviceCredentials: service,
    log: (l) => logs.push(l),
    topicRules: [
      {
        name: "telemetry-ingest",
        topicFilter: "medloop/+/+/telemetry",
        invoke: async (msg) => {
          ruleCalls.push({ rule: "telemetry-ingest", msg });
        },
      },
      {
        name: "always-fails",
        topicFilter: "medloop/+/+/broken/#",
        invoke: async () => {
          throw new Error("handler exploded");
        },
      },
    ],
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
});

afterAll(async () => {
  await broker.stop();
});

/** Connects without automatic reconnection, so a refused or closed connection stays closed. */
async function connect(opts: IClientOptions): Promise<MqttClient> {
  const client = await connectAsync(broker.url, { reconnectPeriod: 0, connectTimeout: 10_000, ...opts });
  clients.push(client);
  return client;
}

async function device(tenantId: string, thingName: string) {
  const { username, password } = store.issue(tenantId, thingName);
  const client = await connect({ clientId: thingName, username, password });
  const received: { topic: string; payload: string }[] = [];
  client.on("message", (topic, payload) => received.push({ topic, payload: payload.toString() }));
  return { client, received };
}

describe("MQTT broker (local IoT Core)", () => {
  it("invokes the topic rule with the sender's tenant and thing", async () => {
    const a = await device("tenant-a", "gw-a1");

    await a.client.publishAsync("medloop/tenant-a/gw-a1/telemetry", JSON.stringify({ temp: 21.5 }), { qos: 1 });
    const call = await waitFor(() => ruleCalls.find((c) => c.msg.thingName === "gw-a1"), { what: "rule call" });

    expect(call.rule).toBe("telemetry-ingest");
    expect(call.msg).toMatchObject({ topic: "medloop/tenant-a/gw-a1/telemetry", tenantId: "tenant-a" });
    expect(JSON.parse(call.msg.payload.toString())).toEqual({ temp: 21.5 });
  });

  it("closes a device that publishes under another tenant, records it, and never runs the rule", async () => {
    const a = await device("tenant-a", "gw-a2");
    const closed = new Promise<void>((resolve) => a.client.once("close", () => resolve()));

    a.client.publish("medloop/tenant-b/gw-b1/telemetry", "forged", { qos: 1 });
    await closed;

    expect(broker.refusals()).toContainEqual(
      expect.objectContaining({
        clientId: "gw-a2",
        action: "publish",
        topic: "medloop/tenant-b/gw-b1/telemetry",
        reason: "outside medloop/tenant-a/gw-a2/#",
      }),
    );
    expect(logs).toContainEqual(expect.objectContaining({ msg: "mqtt refused", clientId: "gw-a2", action: "publish" }));
    expect(ruleCalls.filter((c) => c.msg.topic.startsWith("medloop/tenant-b/"))).toEqual([]);
  });

  it("refuses a subscription to another tenant's topics, and the device never receives them", async () => {
    const a = await device("tenant-a", "gw-a3");
    const b = await device("tenant-b", "gw-b2");

    const foreign = a.client.subscribeAsync("medloop/tenant-b/gw-b2/#", { qos: 1 });
    await expect(foreign).rejects.toMatchObject({ packet: { granted: [128] } });
    const wildcard = a.client.subscribeAsync("medloop/+/+/telemetry", { qos: 1 });
    await expect(wildcard).rejects.toMatchObject({ packet: { granted: [128] } });
    const own = await a.client.subscribeAsync("medloop/tenant-a/gw-a3/#", { qos: 1 });
    await b.client.publishAsync("medloop/tenant-b/gw-b2/telemetry", "b-secret", { qos: 1 });
    await waitFor(() => ruleCalls.some((c) => c.msg.thingName === "gw-b2"), { what: "b's message routed" });
    // Anything routed to A before this marker arrives first: the broker writes to A's socket in order.
    const platform = await connect({ clientId: "platform-1", ...service });
    await platform.publishAsync("medloop/tenant-a/gw-a3/config", "marker", { qos: 1 });
    await waitFor(() => a.received.length > 0, { what: "marker" });

    expect(own.map((g) => g.qos)).toEqual([1]);
    expect(a.received).toEqual([{ topic: "medloop/tenant-a/gw-a3/config", payload: "marker" }]);
    expect(broker.refusals()).toContainEqual(
      expect.objectContaining({ clientId: "gw-a3", action: "subscribe", topic: "medloop/tenant-b/gw-b2/#" }),
    );
  });

  it("refuses a bad password, an unknown device and a client id that is not the thing name", async () => {
    const { username } = store.issue("tenant-a", "gw-a4");
    const other = store.issue("tenant-b", "gw-b3");

    const badPassword = connect({ clientId: "gw-a4", username, password: "guess" });
    const unknown = connect({ clientId: "gw-x", username: "gw-x", password: "guess" });
    const takeover = connect({ clientId: "gw-a4", username: other.username, password: other.password });

    for (const attempt of [badPassword, unknown, takeover]) {
      await expect(attempt).rejects.toMatchObject({ code: 5 });
    }
    const connects = broker.refusals().filter((r) => r.action === "connect");
    expect(connects).toContainEqual(expect.objectContaining({ clientId: "gw-a4", reason: "bad credentials" }));
    expect(connects).toContainEqual(expect.objectContaining({ clientId: "gw-x", reason: "bad credentials" }));
    expect(connects).toContainEqual(
      expect.objectContaining({ clientId: "gw-a4", reason: 'client id must be the thing name "gw-b3"' }),
    );
  });

  it("lets the service client push configuration to a device, and see every tenant's telemetry", async () => {
    const gw = await device("tenant-c", "gw-c1");
    await gw.client.subscribeAsync("medloop/tenant-c/gw-c1/config", { qos: 1 });
    const platform = await connect({ clientId: "platform-2", ...service });
    const seen: string[] = [];
    platform.on("message", (topic) => seen.push(topic));
    await platform.subscribeAsync("medloop/#", { qos: 1 });
    const before = broker.published;

    await platform.publishAsync("medloop/tenant-c/gw-c1/config", JSON.stringify({ sampleEverySec: 30 }), { qos: 1 });
    await waitFor(() => gw.received.length > 0, { what: "config delivered" });
    await gw.client.publishAsync("medloop/tenant-c/gw-c1/telemetry", "{}", { qos: 1 });
    await waitFor(() => seen.includes("medloop/tenant-c/gw-c1/telemetry"), { what: "service sees telemetry" });

    expect(gw.received).toEqual([{ topic: "medloop/tenant-c/gw-c1/config", payload: '{"sampleEverySec":30}' }]);
    expect(broker.published - before).toBe(2);
    // The platform's own publish is not fed back into the rules.
    expect(ruleCalls.filter((c) => c.msg.topic === "medloop/tenant-c/gw-c1/config")).toEqual([]);
  });

  it("logs a failing topic rule and keeps routing", async () => {
    const gw = await device("tenant-d", "gw-d1");

    await gw.client.publishAsync("medloop/tenant-d/gw-d1/broken/x", "1", { qos: 1 });
    await waitFor(() => logs.find((l) => l.msg === "topic rule failed"), { what: "rule failure logged" });
    await gw.client.publishAsync("medloop/tenant-d/gw-d1/telemetry", "2", { qos: 1 });
    await waitFor(() => ruleCalls.some((c) => c.msg.thingName === "gw-d1"), { what: "next message routed" });

    expect(logs).toContainEqual(
      expect.objectContaining({ msg: "topic rule failed", rule: "always-fails", error: "Error: handler exploded" }),
    );
  });
});

describe("credential store", () => {
  it("rotates on re-issue, refuses after revoke, and keeps thing names unique across tenants", async () => {
    const creds = createCredentialStore();
    const first = creds.issue("tenant-a", "gw-1");
    const second = creds.issue("tenant-a", "gw-1");

    expect(await creds.verify(first.username, first.password)).toBeUndefined();
    expect(await creds.verify(second.username, second.password)).toEqual({ tenantId: "tenant-a", thingName: "gw-1" });
    expect(() => creds.issue("tenant-b", "gw-1")).toThrow(/already belongs to another tenant/);
    creds.revoke("tenant-b", "gw-1");
    expect(await creds.verify(second.username, second.password)).toBeDefined();
    creds.revoke("tenant-a", "gw-1");
    expect(await creds.verify(second.username, second.password)).toBeUndefined();
  });

  it.each([
    ["tenant/a", "gw-1"],
    ["tenant-a", "gw/+"],
    ["tenant-a", "#"],
    ["", "gw-1"],
  ])("refuses ids that could escape the topic namespace: %s / %s", (tenantId, thingName) => {
    expect(() => createCredentialStore().issue(tenantId, thingName)).toThrow(/Invalid (tenant id|thing name)/);
  });
});

describe("topic filters", () => {
  it.each([
    ["medloop/+/+/telemetry", "medloop/t1/gw/telemetry", true],
    ["medloop/+/+/telemetry", "medloop/t1/gw/telemetry/extra", false],
    ["medloop/t1/gw/#", "medloop/t1/gw", true],
    ["medloop/t1/gw/#", "medloop/t1/gw/a/b", true],
    ["medloop/t1/gw/#", "medloop/t1/gw2/a", false],
    ["#", "$SYS/broker/heartbeat", false],
    ["+/broker/heartbeat", "$SYS/broker/heartbeat", false],
  ])("%s matches %s: %s", (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });

  it("rejects an invalid rule filter at start", async () => {
    await expect(
      startBroker({
        port: await freePort(),
        credentials: createCredentialStore(),
        topicRules: [{ name: "bad", topicFilter: "medloop/#/telemetry", invoke: async () => undefined }],
      }),
    ).rejects.toThrow('Topic rule "bad" has an invalid MQTT filter "medloop/#/telemetry".');
  });
});
