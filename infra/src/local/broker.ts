import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type Socket } from "node:net";
import { TOPIC_ROOT } from "@medloop/shared/device/topics";
import { Aedes, type AuthenticateError, type Client } from "aedes";
import { assertPortFree } from "./ports.ts";

/**
 * The MQTT broker standing in for AWS IoT Core (aedes over TCP).
 *
 * It applies what the IoT policy applies in the cloud:
 * - a device authenticates as one thing of one tenant (the local stand-in for its X.509 certificate)
 *   and must connect with its thing name as client id, so no device can take over another's session;
 * - a device publishes and subscribes only under `medloop/{tenantId}/{thingName}/#`. An unauthorised
 *   publish closes the connection and an unauthorised subscribe gets a failure SUBACK, as IoT Core
 *   does for MQTT 3.1.1; both are recorded in refusals() and logged;
 * - topic rules see every accepted device publish matching their filter, with the tenant and thing
 *   of the authenticated sender. The platform's own (service) publishes do not loop back into rules.
 *
 * Not mirrored: revoking a credential refuses the next connect, but does not cut a live session.
 */

export interface DeviceIdentity {
  tenantId: string;
  thingName: string;
}

export interface CredentialStore {
  verify(username: string, password: string): Promise<DeviceIdentity | undefined>;
}

export interface LocalCredentialStore extends CredentialStore {
  /** New credentials for a thing; issuing again rotates them (the old password stops working). */
  issue(tenantId: string, thingName: string): { username: string; password: string };
  revoke(tenantId: string, thingName: string): void;
}

export interface TopicRuleMessage {
  topic: string;
  payload: Buffer;
  tenantId: string;
  thingName: string;
}

export interface BrokerTopicRule {
  name: string;
  /** MQTT filter (`+` one level, `#` the rest) the rule listens on. */
  topicFilter: string;
  invoke: (msg: TopicRuleMessage) => Promise<void>;
}

export interface Refusal {
  clientId: string;
  action: "publish" | "subscribe" | "connect";
  topic?: string;
  reason: string;
  at: string;
}

export interface BrokerOptions {
  port: number;
  credentials: CredentialStore;
  topicRules: readonly BrokerTopicRule[];
  /** The platform's own client (pushes configuration to gateways): may publish and subscribe anywhere. */
  serviceCredentials?: { username: string; password: string };
  log?: (line: Record<string, unknown>) => void;
}

export interface Broker {
  url: string;
  stop(): Promise<void>;
  refusals(): Refusal[];
  /** Publishes accepted from clients since start. */
  readonly published: number;
}

// AWS IoT thing names; tenant ids are held to the same set, so neither can smuggle `/`, `+` or `#`
// into the topic namespace a device is confined to.
const idPattern = /^[A-Za-z0-9:_-]{1,128}$/;
const refusalsKept = 1000;

const sha256 = (s: string) => createHash("sha256").update(s).digest();

/**
 * Device credentials in memory. The secrets are 256 random bits, so a SHA-256 digest is enough to
 * keep them out of memory in clear (scrypt's stretching protects guessable passwords, not these).
 */
export function createCredentialStore(): LocalCredentialStore {
  const byUsername = new Map<string, DeviceIdentity & { secretHash: Buffer }>();
  const checkIds = (tenantId: string, thingName: string) => {
    for (const [what, value] of [
      ["tenant id", tenantId],
      ["thing name", thingName],
    ] as const) {
      if (!idPattern.test(value)) {
        throw new Error(`Invalid ${what} "${value}": use 1-128 letters, digits, ":", "_" or "-".`);
      }
    }
  };
  return {
    issue(tenantId, thingName) {
      checkIds(tenantId, thingName);
      const existing = byUsername.get(thingName);
      if (existing && existing.tenantId !== tenantId) {
        throw new Error(
          `Thing "${thingName}" already belongs to another tenant: thing names are unique across tenants, as in AWS IoT, because they are the MQTT client ids.`,
        );
      }
      const password = randomBytes(32).toString("base64url");
      byUsername.set(thingName, { tenantId, thingName, secretHash: sha256(password) });
      return { username: thingName, password };
    },
    revoke(tenantId, thingName) {
      if (byUsername.get(thingName)?.tenantId === tenantId) byUsername.delete(thingName);
    },
    async verify(username, password) {
      const entry = byUsername.get(username);
      if (!entry || !timingSafeEqual(entry.secretHash, sha256(password))) return undefined;
      return { tenantId: entry.tenantId, thingName: entry.thingName };
    },
  };
}

/** MQTT topic-filter matching: `+` is one level, a trailing `#` the parent and everything below. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split("/");
  const t = topic.split("/");
  // Wildcards at the first level never match `$` topics (MQTT 3.1.1, 4.7.2).
  if (topic.startsWith("$") && (f[0] === "+" || f[0] === "#")) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === "#") return true;
    if (i >= t.length || (f[i] !== "+" && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

function assertValidFilter(rule: BrokerTopicRule): void {
  const levels = rule.topicFilter.split("/");
  const bad = levels.some(
    (l, i) => (l.includes("#") && (l !== "#" || i !== levels.length - 1)) || (l.includes("+") && l !== "+"),
  );
  if (rule.topicFilter === "" || bad) {
    throw new Error(`Topic rule "${rule.name}" has an invalid MQTT filter "${rule.topicFilter}".`);
  }
}

/** Within `medloop/{tenantId}/{thingName}` or below: the device's own namespace. */
function inNamespace(topicOrFilter: string, id: DeviceIdentity): boolean {
  const [root, tenant, thing] = topicOrFilter.split("/");
  return root === TOPIC_ROOT && tenant === id.tenantId && thing === id.thingName;
}

type Identity = ({ kind: "device" } & DeviceIdentity) | { kind: "service" };

export async function startBroker({
  port,
  credentials,
  topicRules,
  serviceCredentials,
  log = () => undefined,
}: BrokerOptions): Promise<Broker> {
  for (const rule of topicRules) assertValidFilter(rule);
  await assertPortFree(port, "the MQTT broker");

  const identities = new WeakMap<Client, Identity>();
  const refusals: Refusal[] = [];
  const inflight = new Set<Promise<void>>();
  let published = 0;

  const refuse = (clientId: string, action: Refusal["action"], reason: string, topic?: string) => {
    const refusal: Refusal = { clientId, action, reason, at: new Date().toISOString(), ...(topic ? { topic } : {}) };
    refusals.push(refusal);
    if (refusals.length > refusalsKept) refusals.shift();
    log({ msg: "mqtt refused", ...refusal });
  };
  const notAuthorized = (message: string): AuthenticateError =>
    Object.assign(new Error(message), { returnCode: 5 }) as AuthenticateError;

  const isService = (username: string, password: string) =>
    serviceCredentials !== undefined &&
    username === serviceCredentials.username &&
    timingSafeEqual(sha256(password), sha256(serviceCredentials.password));

  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const user = username ?? "";
      const secret = password?.toString("utf8") ?? "";
      if (isService(user, secret)) {
        identities.set(client, { kind: "service" });
        return done(null, true);
      }
      credentials.verify(user, secret).then(
        (id) => {
          if (!id) {
            refuse(client.id, "connect", "bad credentials");
            return done(notAuthorized("Connection refused: not authorized"), false);
          }
          if (!idPattern.test(id.tenantId) || !idPattern.test(id.thingName)) {
            refuse(client.id, "connect", `credential store returned unusable ids ${id.tenantId}/${id.thingName}`);
            return done(notAuthorized("Connection refused: not authorized"), false);
          }
          if (client.id !== id.thingName) {
            refuse(client.id, "connect", `client id must be the thing name "${id.thingName}"`);
            return done(notAuthorized("Connection refused: not authorized"), false);
          }
          identities.set(client, { kind: "device", ...id });
          done(null, true);
        },
        (e: unknown) => {
          refuse(client.id, "connect", `credential check failed: ${String(e)}`);
          done(Object.assign(new Error("Server unavailable"), { returnCode: 3 }) as AuthenticateError, false);
        },
      );
    },

    authorizePublish(client, packet, done) {
      const id = client ? identities.get(client) : undefined;
      if (packet.topic.startsWith("$SYS/")) {
        refuse(client?.id ?? "(gone)", "publish", "$SYS topics are reserved", packet.topic);
        return done(new Error("$SYS topics are reserved"));
      }
      if (id?.kind === "service" || (id?.kind === "device" && inNamespace(packet.topic, id))) return done(null);
      const reason = id?.kind === "device" ? `outside medloop/${id.tenantId}/${id.thingName}/#` : "unknown client";
      refuse(client?.id ?? "(gone)", "publish", reason, packet.topic);
      done(new Error(`Not authorized to publish to ${packet.topic}`));
    },

    authorizeSubscribe(client, sub, done) {
      const id = identities.get(client);
      if (id?.kind === "service" || (id?.kind === "device" && inNamespace(sub.topic, id))) return done(null, sub);
      const reason = id?.kind === "device" ? `outside medloop/${id.tenantId}/${id.thingName}/#` : "unknown client";
      refuse(client.id, "subscribe", reason, sub.topic);
      // A null subscription is a failure SUBACK (0x80); the connection stays up.
      done(null, null);
    },
  });

  broker.on("publish", (packet, client) => {
    // Internal publishes ($SYS heartbeats) have no client.
    if (!client) return;
    published++;
    const id = identities.get(client);
    if (id?.kind !== "device") return;
    for (const rule of topicRules) {
      if (!topicMatches(rule.topicFilter, packet.topic)) continue;
      const msg = {
        topic: packet.topic,
        payload: Buffer.from(packet.payload),
        tenantId: id.tenantId,
        thingName: id.thingName,
      };
      // Off the broker's delivery path, and a handler that throws synchronously is caught too.
      const run = Promise.resolve()
        .then(() => rule.invoke(msg))
        .catch((e: unknown) =>
          log({
            msg: "topic rule failed",
            rule: rule.name,
            topic: packet.topic,
            tenantId: id.tenantId,
            error: String(e),
          }),
        )
        .finally(() => inflight.delete(run));
      inflight.add(run);
    }
  });

  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });

  return {
    url: `mqtt://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inflight]);
    },
    refusals: () => [...refusals],
    get published() {
      return published;
    },
  };
}
