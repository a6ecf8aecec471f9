import { Telemetry, withActor } from "@medloop/shared";
import { decodeUpstream } from "@medloop/shared/device/decode";
import { parseTopic, TopicRuleEvent } from "@medloop/shared/device/topics";
import { iotPorts } from "../lib/iot.ts";
import { logger } from "../lib/logger.ts";
import { useTenantScopedCredentials } from "../lib/tenant-credentials.ts";

useTenantScopedCredentials();

/**
 * Every gateway-to-cloud topic rule lands here, one message per invocation. The tenant and thing
 * come from the topic (tied to the certificate by the IoT policy), never from the payload. A message
 * that breaks the wire contract is refused with a reason and counted; an aggregate's unknown devices
 * are refused and the rest kept. A failure (throttling) throws, and IoT's error action keeps the
 * message; the gateway's replay fills the gap either way.
 */
export async function handler(event: unknown) {
  const rule = TopicRuleEvent.parse(event);
  const topic = parseTopic(rule.topic);
  if (!topic || topic.tenantId !== rule.tenantId || topic.thingName !== rule.thingName) {
    logger.warn("topic rule event for an unknown topic", { topic: rule.topic });
    return { status: "rejected", reason: "unknown-topic" };
  }
  const delivery = { thingName: rule.thingName, receivedAt: rule.receivedAt };
  return withActor({ type: "system", tenantId: rule.tenantId, name: "telemetry-ingest" }, async () => {
    const decoded = decodeUpstream(topic.kind, Buffer.from(rule.payload, "base64"));
    let result: Telemetry.IngestResult;
    if (decoded.ok) {
      result = await Telemetry.accept(delivery, decoded.message);
    } else {
      await Telemetry.reject(delivery, decoded, decoded.seq);
      result = { status: "rejected", rejected: [{ reason: decoded.reason, detail: decoded.detail }] };
    }
    if (result.rejected.length > 0) {
      logger.info("gateway message refused in part or whole", {
        thingName: rule.thingName,
        kind: topic.kind,
        rejected: result.rejected,
      });
    }
    await Telemetry.followUp(delivery, iotPorts().link);
    return result;
  });
}
