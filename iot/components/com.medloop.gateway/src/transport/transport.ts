/**
 * What the gateway needs from its uplink, whatever carries it: Greengrass IPC to the nucleus on a
 * core device, or plain MQTT to the local broker in development and tests — the same gateway code
 * runs on both.
 */
export interface Transport {
  readonly connected: boolean;
  /** QoS 1: resolves once the other side acknowledged; rejects if the connection went first. */
  publish(topic: string, payload: Uint8Array): Promise<void>;
  /** Kept across reconnects; messages on `topic` go to `onMessage`. */
  subscribe(topic: string, onMessage: (payload: Buffer) => void): Promise<void>;
  onConnectionChange(listener: (connected: boolean) => void): void;
  close(): Promise<void>;
}
