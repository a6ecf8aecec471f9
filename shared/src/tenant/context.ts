import { AsyncLocalStorage } from "node:async_hooks";
import { unauthorized } from "../errors/index.ts";
import type { Clock } from "../ports/clock.ts";
import type { Ids } from "../ports/ids.ts";
import type { Role, TenantKind } from "./schema.ts";

/**
 * The actor is set once at the edge (HTTP handler from the JWT claims, event handler from the
 * event's tenant) and is ambient after that. Nothing reads a tenant id from a request body.
 */
export type Actor =
  | { type: "user"; tenantId: string; tenantKind: TenantKind; userId: string; email: string; roles: Role[] }
  | { type: "system"; tenantId: string; tenantKind?: TenantKind; name: string };

export interface RequestScope {
  actor: Actor;
  correlationId?: string;
  /** Client-supplied key that makes a create safe to retry, with a hash of the request it came with. */
  idempotency?: { key: string; requestHash: string };
  /** Why a change is made; recorded by the audit trail. */
  reason?: string;
  /** The time the domain reads (ports/clock.ts); the system clock when absent. */
  clock?: Clock;
  /** The ids the domain mints (ports/ids.ts); random ones when absent. */
  ids?: Ids;
}

const storage = new AsyncLocalStorage<RequestScope>();

// A nested scope (a system actor inside a request, a test's actor inside its clock) keeps the ports it
// sits in unless it names its own, so one clock runs through the whole call.
const enclosingPorts = (): Pick<RequestScope, "clock" | "ids"> => {
  const outer = storage.getStore();
  return outer ? { clock: outer.clock, ids: outer.ids } : {};
};

export const withScope = <T>(scope: RequestScope, fn: () => T): T => storage.run({ ...enclosingPorts(), ...scope }, fn);

export const withActor = <T>(actor: Actor, fn: () => T): T => storage.run({ ...enclosingPorts(), actor }, fn);

/** The same scope on another clock: a seed or a job that records its work at a day of its own. */
export const withClock = <T>(clock: Clock, fn: () => T): T => storage.run({ ...useScope(), clock }, fn);

export function useScope(): RequestScope {
  const scope = storage.getStore();
  if (!scope) throw unauthorized("no-tenant-context", "No tenant context: every read and write needs one");
  return scope;
}

export const useActor = (): Actor => useScope().actor;
export const useTenantId = (): string => useScope().actor.tenantId;
export const maybeScope = (): RequestScope | undefined => storage.getStore();

/** The id recorded as "who" on every change. */
export function actorId(actor: Actor = useActor()): string {
  return actor.type === "user" ? userActorId(actor.userId) : `system:${actor.name}`;
}

export const userActorId = (userId: string): string => `user:${userId}`;
