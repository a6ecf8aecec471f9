import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What a read costs, measured on the wire: every DynamoDB request made inside `metered` asks for
 * ReturnConsumedCapacity and is timed. The trace answers and the trace bench report it; it is
 * what the cloud bills (capacity) and waits for (dependent round trips).
 */
interface Request {
  start: number;
  end: number;
  capacity: number;
}

const storage = new AsyncLocalStorage<Request[]>();

export interface Cost {
  /** Requests that had to wait for one another: requests in flight together count once. */
  roundTrips: number;
  requests: number;
  capacityUnits: number;
}

export async function metered<T>(work: () => Promise<T>): Promise<{ result: T; cost: Cost }> {
  const requests: Request[] = [];
  const result = await storage.run(requests, work);
  return { result, cost: costOf(requests) };
}

type Consumed = { CapacityUnits?: number } | { CapacityUnits?: number }[] | undefined;

/** Wraps one `send`: adds ReturnConsumedCapacity and records time and capacity when a meter is on. */
export async function meter<R>(command: { input?: object }, send: () => Promise<R>): Promise<R> {
  const requests = storage.getStore();
  if (!requests || !command.input) return send();
  (command.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = "TOTAL";
  const start = performance.now();
  const response = await send();
  const consumed = (response as { ConsumedCapacity?: Consumed }).ConsumedCapacity;
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  requests.push({ start, end: performance.now(), capacity: list.reduce((s, c) => s + (c.CapacityUnits ?? 0), 0) });
  return response;
}

/**
 * A request's depth is one more than the deepest request that had finished before it started:
 * the length of the longest chain of requests that waited for one another.
 */
export function costOf(requests: Request[]): Cost {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  for (const [i, r] of sorted.entries()) {
    let d = 1;
    for (let j = 0; j < i; j++) if (sorted[j]!.end <= r.start) d = Math.max(d, depth[j]! + 1);
    depth.push(d);
  }
  return {
    roundTrips: Math.max(0, ...depth),
    requests: requests.length,
    capacityUnits: Math.round(requests.reduce((s, r) => s + r.capacity, 0) * 10) / 10,
  };
}
