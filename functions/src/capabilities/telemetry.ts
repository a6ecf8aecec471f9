import { telemetry as telemetryContracts } from "@medloop/shared/contracts/telemetry";
import { ruleTopicFilter, UPSTREAM_TOPICS } from "@medloop/shared/device/topics";
import { defineCapability, type TopicRuleDeclaration } from "../declaration/types.ts";

/** One rule per gateway-to-cloud topic, its SQL from the wire contract (shared/src/device/topics.ts). */
const topicRules: TopicRuleDeclaration[] = UPSTREAM_TOPICS.flatMap((t) =>
  t.rule
    ? [
        {
          name: t.rule.name,
          handler: "topics/ingest",
          sql: t.rule.sql,
          topicFilter: ruleTopicFilter(t.kind),
          description: `Gateway ${t.kind} messages into the telemetry store: ${t.description}`,
          // A lasting gap is answered with a replay request to the gateway.
          iot: ["publish-to-gateways"] as const,
        },
      ]
    : [],
);

export const telemetry = defineCapability({
  contracts: telemetryContracts,
  topicRules,
});
