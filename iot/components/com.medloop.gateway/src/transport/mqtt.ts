import { connect, type MqttClient } from "mqtt";
import { type ConnectionOptions, createConnectionState } from "./connection.ts";
import type { Transport } from "./transport.ts";

export interface MqttTransportOptions extends ConnectionOptions {
  url: string;
  /** The thing name: the broker (and IoT Core) require it as client id. */
  clientId: string;
  username?: string;
  password?: string;
  connectTimeoutMs?: number;
  log?: (line: Record<string, unknown>) => void;
}

/**
 * MQTT 3.1.1 uplink for development against the local broker (and any MQTT endpoint).
 *
 * Each connection is a fresh client with a clean session and no client-side queue or resend: the
 * durable buffer decides what is sent again after a reconnect. Left to itself, mqtt.js would also
 * resend its unacknowledged packets and queue publishes made while offline, and the cloud would
 * get those twice. So a publish while disconnected fails at once, and a dropped connection fails
 * every publish still waiting for its PUBACK.
 */
export function createMqttTransport(opts: MqttTransportOptions): Transport & { start(): void } {
  const log = opts.log ?? (() => undefined);
  const state = createConnectionState(opts);
  const { subscriptions } = state;
  let client: MqttClient | undefined;

  const dial = () => {
    state.dialling();
    const c = connect(opts.url, {
      clientId: opts.clientId,
      ...(opts.username !== undefined ? { username: opts.username } : {}),
      ...(opts.password !== undefined ? { password: opts.password } : {}),
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: opts.connectTimeoutMs ?? 10_000,
      queueQoSZero: false,
      resubscribe: false,
    });
    client = c;
    c.on("connect", () => {
      state.up();
      const topics = [...subscriptions.keys()];
      const ready = topics.length ? c.subscribeAsync(topics, { qos: 1 }) : Promise.resolve([]);
      ready.then(
        (granted) => {
          for (const g of granted) if (g.qos === 128) log({ msg: "mqtt subscription refused", topic: g.topic });
          if (client === c && c.connected) state.setConnected(true);
        },
        (e: unknown) => log({ msg: "mqtt subscribe failed", error: String(e) }),
      );
    });
    c.on("message", (topic, payload) => subscriptions.get(topic)?.(payload));
    c.on("error", (e) => log({ msg: "mqtt error", error: e.message }));
    c.on("close", () => {
      if (client !== c) return;
      client = undefined;
      // Fails the publishes still waiting for a PUBACK (reconnectPeriod 0 + clean session).
      c.end(true);
      state.setConnected(false);
      state.redial(dial);
    });
  };

  return {
    get connected() {
      return state.connected;
    },
    start() {
      if (state.idle(!!client)) dial();
    },
    publish(topic, payload) {
      const c = client;
      if (!state.connected || !c) return Promise.reject(new Error("MQTT not connected"));
      return new Promise<void>((resolve, reject) =>
        c.publish(topic, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), { qos: 1 }, (e) =>
          e ? reject(e) : resolve(),
        ),
      );
    },
    async subscribe(topic, onMessage) {
      subscriptions.set(topic, onMessage);
      if (!state.connected || !client) return;
      const [g] = await client.subscribeAsync(topic, { qos: 1 });
      if (g?.qos === 128) throw new Error(`Subscription to ${topic} refused`);
    },
    onConnectionChange(listener) {
      state.onChange(listener);
    },
    async close() {
      const c = client;
      client = undefined;
      state.close();
      if (c) await c.endAsync(true);
    },
  };
}
