import { greengrasscoreipc } from "aws-iot-device-sdk-v2";
import { type ConnectionOptions, createConnectionState } from "./connection.ts";
import type { Transport } from "./transport.ts";

type Payload = string | ArrayBuffer | ArrayBufferView | Record<string, unknown>;

/** The part of the SDK's IPC client this transport uses (tests give it a fake). */
export interface IpcClient {
  connect(): Promise<void>;
  close(): Promise<void>;
  on(event: "disconnection", listener: () => void): unknown;
  publishToIoTCore(request: {
    topicName: string;
    qos: greengrasscoreipc.model.QOS;
    payload: Uint8Array;
  }): Promise<unknown>;
  subscribeToIoTCore(request: { topicName: string; qos: greengrasscoreipc.model.QOS }): {
    on(event: "message", listener: (event: { message?: { topicName: string; payload?: Payload } }) => void): unknown;
    activate(): Promise<unknown>;
    close(): Promise<void>;
  };
}

export interface IpcTransportOptions extends ConnectionOptions {
  /** A new SDK client per connection: the SDK allows connect() only once per client. */
  createClient?: () => IpcClient;
  log?: (line: Record<string, unknown>) => void;
}

const AT_LEAST_ONCE = greengrasscoreipc.model.QOS.AT_LEAST_ONCE;

const toBuffer = (p: Payload | undefined): Buffer => {
  if (p === undefined) return Buffer.alloc(0);
  if (typeof p === "string") return Buffer.from(p, "utf8");
  if (p instanceof ArrayBuffer) return Buffer.from(p);
  if (ArrayBuffer.isView(p)) return Buffer.from(p.buffer, p.byteOffset, p.byteLength);
  return Buffer.from(JSON.stringify(p), "utf8");
};

/**
 * Uplink through the Greengrass nucleus (PublishToIoTCore / SubscribeToIoTCore over IPC), for the
 * component on a core device. The recipe's accessControl must name every topic used here.
 *
 * "Connected" is the IPC connection to the nucleus, not the nucleus' own connection to IoT Core:
 * IPC does not expose the latter. A publish resolves when the nucleus accepted it into its spooler,
 * so on a core device the gateway's buffer hands over to the nucleus' spooler, and the nucleus'
 * own delivery guarantees (its spooler's size and storage) apply from there.
 */
export function createIpcTransport(opts: IpcTransportOptions = {}): Transport & { start(): void } {
  const make = opts.createClient ?? (() => greengrasscoreipc.createClient());
  const log = opts.log ?? (() => undefined);
  const state = createConnectionState(opts);
  const { subscriptions } = state;
  let client: IpcClient | undefined;

  const subscribeOn = async (c: IpcClient, topic: string, onMessage: (payload: Buffer) => void) => {
    const op = c.subscribeToIoTCore({ topicName: topic, qos: AT_LEAST_ONCE });
    op.on("message", (event) => {
      if (event.message?.topicName === topic) onMessage(toBuffer(event.message.payload));
    });
    await op.activate();
  };

  const lost = (c: IpcClient) => {
    if (client !== c) return;
    client = undefined;
    state.setConnected(false);
    c.close().catch(() => undefined);
    state.redial(dial);
  };

  const dial = () => {
    state.dialling();
    const c = make();
    client = c;
    c.on("disconnection", () => lost(c));
    c.connect()
      .then(async () => {
        for (const [topic, onMessage] of subscriptions) await subscribeOn(c, topic, onMessage);
        state.up();
        if (client === c) state.setConnected(true);
      })
      .catch((e: unknown) => {
        log({ msg: "greengrass ipc connect failed", error: String(e) });
        lost(c);
      });
  };

  return {
    get connected() {
      return state.connected;
    },
    start() {
      if (state.idle(!!client)) dial();
    },
    async publish(topic, payload) {
      const c = client;
      if (!state.connected || !c) throw new Error("Greengrass IPC not connected");
      await c.publishToIoTCore({ topicName: topic, qos: AT_LEAST_ONCE, payload });
    },
    async subscribe(topic, onMessage) {
      subscriptions.set(topic, onMessage);
      if (state.connected && client) await subscribeOn(client, topic, onMessage);
    },
    onConnectionChange(listener) {
      state.onChange(listener);
    },
    async close() {
      const c = client;
      client = undefined;
      state.close();
      if (c) await c.close();
    },
  };
}
