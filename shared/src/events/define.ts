import { z } from "zod";

/**
 * A versioned, typed domain event. `detailType` is what EventBridge routes on
 * (`Tenant.UserCreated.v1`); subscriptions reference the event object, never a retyped string.
 */
export const EVENT_SOURCE_PREFIX = "medloop.";

export const Envelope = z.object({
  id: z.string(),
  tenantId: z.string(),
  occurredAt: z.string(),
  actor: z.string(),
  correlationId: z.string().optional(),
});

export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  name: T;
  version: number;
  detailType: `${T}.v${number}`;
  source: string;
  schema: S;
  /** The detail shape on the bus: the envelope plus `data`. */
  detailSchema: z.ZodType<z.infer<typeof Envelope> & { data: z.output<S> }>;
}

export function defineEvent<T extends string, S extends z.ZodType>(
  name: T,
  version: number,
  schema: S,
): EventDefinition<T, S> {
  const domain = name.split(".")[0]!.toLowerCase();
  return {
    name,
    version,
    detailType: `${name}.v${version}`,
    source: `${EVENT_SOURCE_PREFIX}${domain}`,
    schema,
    detailSchema: Envelope.extend({ data: schema }) as never,
  };
}

export type EventData<E extends EventDefinition> = z.output<E["schema"]>;
export type EventDetail<E extends EventDefinition> = z.infer<typeof Envelope> & { data: EventData<E> };

/** An EventBridge pattern that matches exactly this event type. */
export const patternFor = (...events: EventDefinition[]) => ({
  source: [...new Set(events.map((e) => e.source))],
  "detail-type": events.map((e) => e.detailType),
});

/** The EventBridge envelope as handlers receive it. */
export interface BusEvent<D = unknown> {
  version: "0";
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: D;
}
