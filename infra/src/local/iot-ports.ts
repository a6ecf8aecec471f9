import { randomBytes } from "node:crypto";
import type { IotPorts } from "@medloop/functions/lib/iot";
import { topicFor } from "@medloop/shared/device/topics";
import mqtt, { type MqttClient } from "mqtt";
import type { LocalCredentialStore } from "./broker.ts";

/**
 * The telemetry domain's IoT ports on this machine: credentials from the broker's own store (the
 * local stand-in for CreateKeysAndCertificate), and downstream messages through one service client
 * of the broker (the stand-in for the IoT data plane's Publish). The service client reconnects by
 * itself when the broker restarts.
 */
const PUBLISH_TIMEOUT_MS = 5_000;

export function serviceCredentials() {
  return {
    username: `medloop-service-${randomBytes(4).toString("hex")}`,
    password: randomBytes(32).toString("base64url"),
  };
}

export function createLocalIotPorts(opts: {
  mqttUrl: string;
  credentials: LocalCredentialStore;
  service: { username: string; password: string };
}): IotPorts & { close(): Promise<void> } {
  let client: MqttClient | undefined;
  const connected = () => {
    client ??= mqtt.connect(opts.mqttUrl, {
      ...opts.service,
      clientId: opts.service.username,
      reconnectPeriod: 200,
      connectTimeout: 5_000,
    });
    return client;
  };
  return {
    link: {
      async publish(target, kind, payload, publishOpts) {
        const c = connected();
        // Like a data-plane call, it fails rather than waits forever (the broker may be stopped).
        await Promise.race([
          c.publishAsync(topicFor(kind, target), JSON.stringify(payload), {
            qos: 1,
            retain: publishOpts?.retain ?? false,
          }),
          new Promise((_, reject) => {
            setTimeout(() => reject(new Error(`publish to ${target.thingName} timed out`)), PUBLISH_TIMEOUT_MS).unref();
          }),
        ]);
      },
    },
    registry: {
      async issueCredentials({ tenantId, thingName }) {
        const { username, password } = opts.credentials.issue(tenantId, thingName);
        return { kind: "password", thingName, username, password, mqttUrl: opts.mqttUrl };
      },
    },
    async close() {
      await client?.endAsync(true);
    },
  };
}
