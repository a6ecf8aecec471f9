import { connectAsync, type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Broker,
  createCredentialStore,
  type LocalCredentialStore,
  startBroker,
} from "../../infra/src/local/broker.ts";
import { freePort, waitFor } from "../../infra/src/local/ports.ts";
import {
  DOWNSTREAM_TOPICS,
  parseTopic,
  recipeTopic,
  ruleTopicFilter,
  TOPICS,
  topicFor,
  UPSTREAM_TOPICS,
} from "./topics.ts";

const gw = { tenantId: "tenant-a", thingName: "gw-a1" };

describe("topic declarations", () => {
  it("build and parse medloop/{tenantId}/{thingName}/<kind>", () => {
    for (const t of TOPICS) {
      const topic = topicFor(t.kind, gw);
      expect(topic).toBe(`medloop/tenant-a/gw-a1/${t.kind}`);
      expect(parseTopic(topic)).toEqual({ ...gw, kind: t.kind });
      expect(recipeTopic(t.kind)).toBe(`medloop/{configuration:/tenantId}/{iot:thingName}/${t.kind}`);
    }
    expect(parseTopic("medloop/tenant-a/gw-a1/raw")).toBeUndefined();
    expect(parseTopic("medloop/tenant-a/gw-a1/alert/x")).toBeUndefined();
  });

  it("declare an IoT rule for every gateway-to-cloud topic, taking tenant and thing from the topic", () => {
    expect(UPSTREAM_TOPICS.map((t) => t.kind)).toEqual(["telemetry-aggregate", "alert", "state", "config-ack"]);
    expect(DOWNSTREAM_TOPICS.map((t) => t.kind)).toEqual(["config", "replay-request"]);
    for (const t of UPSTREAM_TOPICS) {
      expect(t.rule?.name).toMatch(/^[a-zA-Z0-9_]+$/);
      expect(t.rule?.sql).toBe(
        `SELECT encode(*, 'base64') AS payload, topic() AS topic, topic(2) AS tenantId, topic(3) AS thingName, timestamp() AS receivedAt FROM '${ruleTopicFilter(t.kind)}'`,
      );
    }
    for (const t of DOWNSTREAM_TOPICS) expect(t.rule).toBeUndefined();
  });
});

describe("topics against the local broker's ACL", () => {
  let broker: Broker;
  let store: LocalCredentialStore;
  const routed: { topic: string; thingName: string }[] = [];
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    store = createCredentialStore();
    broker = await startBroker({
      port: await freePort(),
      credentials: store,
      topicRules: UPSTREAM_TOPICS.map((t) => ({
        name: t.rule?.name ?? t.kind,
        topicFilter: ruleTopicFilter(t.kind),
        invoke: async (m) => {
          routed.push({ topic: m.topic, thingName: m.thingName });
        },
      })),
    });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await broker.stop();
  });

  async function device(tenantId: string, thingName: string) {
    const { username, password } = store.issue(tenantId, thingName);
    const c = await connectAsync(broker.url, { clientId: thingName, username, password, reconnectPeriod: 0 });
    clients.push(c);
    return c;
  }

  it("let a gateway publish every upstream topic of its own (each reaches its rule) and subscribe its downstream ones", async () => {
    const c = await device(gw.tenantId, gw.thingName);

    for (const t of UPSTREAM_TOPICS) await c.publishAsync(topicFor(t.kind, gw), "{}", { qos: 1 });
    const granted = await c.subscribeAsync(
      DOWNSTREAM_TOPICS.map((t) => topicFor(t.kind, gw)),
      { qos: 1 },
    );
    await waitFor(() => routed.length >= UPSTREAM_TOPICS.length, { what: "rules ran" });

    expect(granted.map((g) => g.qos)).toEqual([1, 1]);
    expect(routed.map((r) => r.topic)).toEqual(UPSTREAM_TOPICS.map((t) => topicFor(t.kind, gw)));
  });

  it("refuse another tenant's topics of the same kinds", async () => {
    const c = await device("tenant-b", "gw-b1");

    const refused = c.subscribeAsync(topicFor("config", gw), { qos: 1 });

    await expect(refused).rejects.toMatchObject({ packet: { granted: [128] } });
    expect(broker.refusals()).toContainEqual(
      expect.objectContaining({ clientId: "gw-b1", action: "subscribe", topic: topicFor("config", gw) }),
    );
  });
});
