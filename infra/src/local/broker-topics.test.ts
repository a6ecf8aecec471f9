import { DOWNSTREAM_TOPICS, ruleTopicFilter, topicFor, UPSTREAM_TOPICS } from "@medloop/shared/device/topics";
import { connectAsync, type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Broker, createCredentialStore, type LocalCredentialStore, startBroker } from "./broker.ts";
import { freePort, waitFor } from "./ports.ts";

const gw = { tenantId: "tenant-a", thingName: "gw-a1" };

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
