import { describe, expect, it } from "vitest";
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
