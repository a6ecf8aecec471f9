import { createHash } from "node:crypto";
import { conflict, unprocessable } from "../errors/index.ts";
import type { EventData, EventDefinition } from "../events/define.ts";
import { now } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { actorId, useScope, useTenantId } from "../tenant/context.ts";
import { Db } from "./service.ts";

type Entities = Parameters<Parameters<typeof Db.transaction.write>[0]>[0];
// biome-ignore lint/suspicious/noExplicitAny: ElectroDB's transaction items are typed per entity
type TransactionItem = any;

export interface PendingEvent {
  event: EventDefinition;
  data: unknown;
}

export const emit = <E extends EventDefinition>(event: E, data: EventData<E>): PendingEvent => ({ event, data });

const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/**
 * Commit a change, its events and (when the request carries an idempotency key) its answer in
 * one DynamoDB transaction. Either all of it is written or none of it: no orphan event, no
 * half-created record. A retry with the same key returns the first answer and writes nothing.
 *
 * `conditionFailed` maps a failed guard (the n-th write's condition) to a domain error.
 */
export async function commit<R>(input: {
  writes: (e: Entities) => TransactionItem[];
  events?: PendingEvent[];
  result: R;
  conditionFailed?: (index: number) => Error;
}): Promise<R> {
  const scope = useScope();
  const tenantId = useTenantId();
  const at = now();
  const idem = scope.idempotency;
  const outboxItems = (input.events ?? []).map(({ event, data }) => {
    const eventId = uuid();
    const detail = {
      id: eventId,
      tenantId,
      occurredAt: at.toISOString(),
      actor: actorId(scope.actor),
      correlationId: scope.correlationId,
      data: event.schema.parse(data),
    };
    return {
      tenantId,
      eventId,
      source: event.source,
      detailType: event.detailType,
      detail: JSON.stringify(detail),
      expiresAt: Math.floor(at.getTime() / 1000) + OUTBOX_TTL_SECONDS,
    };
  });

  const result = await Db.transaction
    .write((e) => {
      const items = input.writes(e);
      for (const item of outboxItems) items.push(e.outbox.create(item).commit());
      if (idem) {
        items.push(
          e.idempotency
            .create({
              tenantId,
              key: idem.key,
              requestHash: idem.requestHash,
              response: JSON.stringify(input.result),
              expiresAt: Math.floor(at.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
            })
            .commit({ response: "all_old" }),
        );
      }
      return items;
    })
    .go();

  if (!result.canceled) return input.result;

  const reasons = result.data as { rejected: boolean; code: string; item: unknown }[];
  if (idem && reasons[reasons.length - 1]?.code === "ConditionalCheckFailed") {
    return replay<R>(tenantId, idem.key, idem.requestHash);
  }
  const failed = reasons.findIndex((r) => r.code === "ConditionalCheckFailed");
  if (failed >= 0 && input.conditionFailed) throw input.conditionFailed(failed);
  if (reasons.some((r) => r.code === "TransactionConflict")) {
    throw conflict("concurrent-change", "The record was changed by someone else at the same time; try again");
  }
  throw conflict("write-rejected", `The change was rejected (${reasons.map((r) => r.code).join(", ")})`);
}

/**
 * The stored answer when this request's idempotency key was answered before, else undefined. A
 * create whose checks depend on what it already wrote (a receipt counts against its own PO line)
 * asks first, so that its retry gets the first answer instead of failing those checks.
 */
export async function priorAnswer<R>(): Promise<R | undefined> {
  const idem = useScope().idempotency;
  if (!idem) return undefined;
  const { data } = await Db.entities.idempotency
    .get({ tenantId: useTenantId(), key: idem.key })
    .go({ consistent: true });
  return data ? replay<R>(useTenantId(), idem.key, idem.requestHash) : undefined;
}

async function replay<R>(tenantId: string, key: string, requestHash: string): Promise<R> {
  const { data } = await Db.entities.idempotency.get({ tenantId, key }).go({ consistent: true });
  if (!data) throw conflict("idempotency-race", "A request with this idempotency key is in flight; try again");
  if (data.requestHash !== requestHash) {
    throw unprocessable("idempotency-key-reused", "This idempotency key was used for a different request");
  }
  return JSON.parse(data.response) as R;
}

/**
 * The answer already given to this request's idempotency key, if any. A retry of a request whose
 * first attempt changed state (a dispatched shipment) would fail its own pre-checks before reaching
 * `commit`; it looks here first and answers as the first attempt did.
 */
export async function earlierAnswer<R>(): Promise<R | undefined> {
  const idem = useScope().idempotency;
  if (!idem) return undefined;
  const { data } = await Db.entities.idempotency
    .get({ tenantId: useTenantId(), key: idem.key })
    .go({ consistent: true });
  if (!data) return undefined;
  if (data.requestHash !== idem.requestHash) {
    throw unprocessable("idempotency-key-reused", "This idempotency key was used for a different request");
  }
  return JSON.parse(data.response) as R;
}

/** A single-item write (not a transaction) refused by its condition. */
export const isConditionFailed = (e: unknown) =>
  (e as { cause?: { name?: string } }).cause?.name === "ConditionalCheckFailedException";

export function hashRequest(body: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(body ?? null))
    .digest("hex");
}
