/**
 * The state every uplink keeps the same way: whether it is connected (and who to tell when that
 * changes), the subscriptions to restore after a reconnect, and the redial backoff, which doubles
 * from min to max while the other side stays away and resets once a connection is up.
 */
export interface ConnectionOptions {
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
}

export function createConnectionState(opts: ConnectionOptions) {
  const minMs = opts.reconnectMinMs ?? 500;
  const maxMs = opts.reconnectMaxMs ?? 30_000;
  const listeners: ((connected: boolean) => void)[] = [];
  const subscriptions = new Map<string, (payload: Buffer) => void>();
  let connected = false;
  let closed = false;
  let delay = minMs;
  let retry: NodeJS.Timeout | undefined;

  return {
    subscriptions,
    get connected() {
      return connected;
    },
    get closed() {
      return closed;
    },
    /** Neither connected, nor dialling, nor waiting to redial, nor closed. */
    idle: (hasClient: boolean) => !hasClient && !retry && !closed,
    setConnected(value: boolean) {
      if (connected === value) return;
      connected = value;
      for (const l of listeners) l(value);
    },
    onChange(listener: (connected: boolean) => void) {
      listeners.push(listener);
    },
    dialling() {
      retry = undefined;
    },
    up() {
      delay = minMs;
    },
    /** After a lost connection: dial again later, unless the transport was closed. */
    redial(dial: () => void) {
      if (closed) return;
      retry = setTimeout(dial, delay);
      delay = Math.min(delay * 2, maxMs);
    },
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      retry = undefined;
      this.setConnected(false);
    },
  };
}
