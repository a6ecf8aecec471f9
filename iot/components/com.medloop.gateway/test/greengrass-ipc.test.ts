import { waitFor } from "@medloop/infra/local/ports";
import { describe, expect, it } from "vitest";
import { createIpcTransport, type IpcClient } from "../src/transport/greengrass-ipc.ts";

/** Stands in for the SDK's IPC client, the way the nucleus would answer. */
function fakeNucleus() {
  const clients: FakeClient[] = [];
  class FakeClient implements IpcClient {
    published: { topicName: string; qos: string; payload: string }[] = [];
    streams = new Map<string, (e: { message?: { topicName: string; payload?: Uint8Array } }) => void>();
    private onDisconnect: () => void = () => undefined;
    closed = false;
    async connect() {}
    async close() {
      this.closed = true;
    }
    on(_event: "disconnection", listener: () => void) {
      this.onDisconnect = listener;
      return this;
    }
    async publishToIoTCore(req: { topicName: string; qos: string; payload: Uint8Array }) {
      this.published.push({ ...req, payload: Buffer.from(req.payload).toString() });
      return {};
    }
    subscribeToIoTCore(req: { topicName: string }) {
      const streams = this.streams;
      return {
        on(_event: "message", listener: (e: { message?: { topicName: string; payload?: Uint8Array } }) => void) {
          streams.set(req.topicName, listener);
          return this;
        },
        activate: async () => ({}),
        close: async () => undefined,
      };
    }
    disconnect() {
      this.onDisconnect();
    }
  }
  return {
    clients,
    create: () => {
      const c = new FakeClient();
      clients.push(c);
      return c;
    },
  };
}

describe("Greengrass IPC transport", () => {
  it("publishes with QoS 1 through PublishToIoTCore and delivers SubscribeToIoTCore messages", async () => {
    const nucleus = fakeNucleus();
    const t = createIpcTransport({ createClient: nucleus.create });
    const got: string[] = [];
    await t.subscribe("medloop/t/gw/config", (p) => got.push(p.toString()));

    t.start();
    await waitFor(() => t.connected, { what: "connected" });
    await t.publish("medloop/t/gw/alert", Buffer.from('{"a":1}'));
    nucleus.clients[0]?.streams.get("medloop/t/gw/config")?.({
      message: { topicName: "medloop/t/gw/config", payload: Buffer.from('{"version":2}') },
    });

    expect(nucleus.clients[0]?.published).toEqual([{ topicName: "medloop/t/gw/alert", qos: "1", payload: '{"a":1}' }]);
    expect(got).toEqual(['{"version":2}']);
    await t.close();
  });

  it("reports a lost IPC connection, refuses publishes meanwhile, and reconnects with a new client and its subscriptions", async () => {
    const nucleus = fakeNucleus();
    const t = createIpcTransport({ createClient: nucleus.create, reconnectMinMs: 1, reconnectMaxMs: 5 });
    const changes: boolean[] = [];
    t.onConnectionChange((c) => changes.push(c));
    await t.subscribe("medloop/t/gw/replay-request", () => undefined);
    t.start();
    await waitFor(() => t.connected, { what: "connected" });

    nucleus.clients[0]?.disconnect();
    const refused = t.publish("medloop/t/gw/alert", Buffer.from("{}"));
    await expect(refused).rejects.toThrow("Greengrass IPC not connected");
    await waitFor(() => t.connected, { what: "reconnected" });

    expect(changes).toEqual([true, false, true]);
    expect(nucleus.clients).toHaveLength(2);
    expect(nucleus.clients[0]?.closed).toBe(true);
    expect([...(nucleus.clients[1]?.streams.keys() ?? [])]).toEqual(["medloop/t/gw/replay-request"]);
    await t.close();
  });
});
