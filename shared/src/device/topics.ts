import { z } from "zod";
import { DEVICE_TYPES, SIGNAL_NAMES, type SignalName } from "./devices.ts";
import { GatewayConfig, Severity } from "./gateway-config.ts";

/**
 * The MQTT topics between an edge gateway and the cloud, declared once: pattern, direction, payload
 * schema and the IoT rule SQL that picks up device-to-cloud messages. The gateway component, the
 * simulator, the broker ACL tests, the recipe test and (later) the CDK topic rules all read this.
 *
 * Every topic is `medloop/{tenantId}/{thingName}/<kind>`: the IoT policy (and the local broker)
 * confine a gateway to its own `medloop/{tenantId}/{thingName}/#`, so the tenant in the topic is
 * the authenticated one and the rule SQL takes it from there, never from the payload.
 *
 * Gateway-to-cloud payloads carry `seq`, the gateway's durable buffer sequence number: strictly
 * increasing per gateway, across restarts. Delivery is at least once (a message in flight when the
 * connection drops is sent again), so the cloud keeps `(thingName, seq)` as its idempotency key.
 * A gap in `seq` is either data the gateway dropped under its buffer-full policy or lost in a power
 * failure (it says so in a `state` message) or a reason for the cloud to send a `replay-request`.
 */

export const TOPIC_ROOT = "medloop";
export const SCHEMA_VERSION = 1;

const Schema = z.literal(SCHEMA_VERSION);
const Seq = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
const EpochMs = z.int().min(0);
const DeviceId = z.string().min(1).max(64);
const DeviceType = z.enum(DEVICE_TYPES);
const Signal = z.enum(SIGNAL_NAMES as [SignalName, ...SignalName[]]);
/** A patient identifier after de-identification: a keyed per-tenant HMAC, never the identifier. */
export const Pseudonym = z.string().regex(/^p_[A-Za-z0-9_-]{22}$/);

export const SignalAggregate = z.strictObject({
  count: z.int().min(1),
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  last: z.number(),
});
export type SignalAggregate = z.infer<typeof SignalAggregate>;

export const DeviceAggregate = z.strictObject({
  device: DeviceId,
  type: DeviceType,
  /** The patient the readings were taken from, pseudonymised; a patient change splits the window. */
  subject: Pseudonym.optional(),
  signals: z.partialRecord(Signal, SignalAggregate),
});
export type DeviceAggregate = z.infer<typeof DeviceAggregate>;

export const TelemetryAggregate = z.strictObject({
  schema: Schema,
  seq: Seq,
  /** Tumbling window [start, end) of the readings' own timestamps, epoch ms. */
  window: z.strictObject({ start: EpochMs, end: EpochMs }),
  devices: z.array(DeviceAggregate).min(1),
});
export type TelemetryAggregate = z.infer<typeof TelemetryAggregate>;

export const Alert = z.strictObject({
  schema: Schema,
  seq: Seq,
  /** Same id on the `raised` and the matching `cleared` message. */
  alertId: z.string().min(1).max(200),
  status: z.enum(["raised", "cleared"]),
  at: EpochMs,
  device: DeviceId,
  type: DeviceType,
  rule: z.string().min(1).max(64),
  ruleKind: z.enum(["threshold", "rate-of-change", "device-alarm"]),
  severity: Severity,
  signal: Signal.optional(),
  value: z.number().optional(),
  limit: z.number().optional(),
  code: z.string().max(64).optional(),
  subject: Pseudonym.optional(),
  message: z.string().max(500),
});
export type Alert = z.infer<typeof Alert>;

const DeviceState = z.strictObject({
  schema: Schema,
  seq: Seq,
  at: EpochMs,
  about: z.literal("device"),
  device: DeviceId,
  type: DeviceType,
  /** Attributes whose value changed, already classified and de-identified. */
  changes: z.record(z.string().max(64), z.string().max(256)),
});

const GatewayState = z.strictObject({
  schema: Schema,
  seq: Seq,
  at: EpochMs,
  about: z.literal("gateway"),
  trigger: z.enum(["start", "periodic", "buffer-drop", "replay-gap", "records-lost"]),
  configVersion: z.int().min(0),
  ingest: z.strictObject({
    accepted: z.int().min(0),
    /** Rejected readings by reason, since the gateway started. */
    rejected: z.record(z.string().max(64), z.int().min(0)),
    /** Signals or attributes removed from otherwise good readings (out of range, unclassified). */
    fieldsDropped: z.record(z.string().max(64), z.int().min(0)),
  }),
  buffer: z.strictObject({
    bytes: z.int().min(0),
    maxBytes: z.int().min(0),
    pendingRecords: z.int().min(0),
    /** Aggregates dropped under the buffer-full policy since the buffer was created (survives restarts). */
    droppedRecords: z.int().min(0),
    droppedBytes: z.int().min(0),
    /** Alerts and state are never dropped: this is how far they pushed the buffer past maxBytes. */
    overBudgetBytes: z.int().min(0),
  }),
  /** What the append that triggered a `buffer-drop` report dropped. */
  drop: z.strictObject({ records: z.int().min(1), fromSeq: Seq, toSeq: Seq }).optional(),
  /** A replay request asked for data the gateway no longer holds. */
  replay: z.strictObject({ requestedFrom: Seq, availableFrom: Seq }).optional(),
  /**
   * With `records-lost`: numbers the gateway had handed out and can never send, because a power
   * failure took them off its disk before they went upstream. The cloud stops waiting for them.
   */
  lost: z
    .array(z.strictObject({ fromSeq: Seq, toSeq: Seq, reason: z.enum(["power-loss"]) }))
    .min(1)
    .max(100)
    .optional(),
});

export const State = z.discriminatedUnion("about", [DeviceState, GatewayState]);
export type State = z.infer<typeof State>;
export type DeviceState = z.infer<typeof DeviceState>;
export type GatewayState = z.infer<typeof GatewayState>;

export const ConfigAck = z.strictObject({
  schema: Schema,
  seq: Seq,
  at: EpochMs,
  /** The version the message claimed, when it could be read at all. */
  version: z.int().min(0).nullable(),
  status: z.enum(["applied", "rejected"]),
  reason: z.string().max(2_000).optional(),
});
export type ConfigAck = z.infer<typeof ConfigAck>;

export const ReplayRequest = z.strictObject({
  schema: Schema,
  /** Send again everything from this sequence number on. */
  fromSeq: Seq,
});
export type ReplayRequest = z.infer<typeof ReplayRequest>;

interface TopicDeclaration<K extends string, P extends z.ZodType> {
  kind: K;
  direction: "gateway-to-cloud" | "cloud-to-gateway";
  description: string;
  payload: P;
  /** IoT Core's limit is 128 KB; the gateway splits or refuses to stay under this. */
  maxPayloadBytes: number;
  /** Topic rule picking these up in the cloud (gateway-to-cloud only); IoT SQL version 2016-03-23. */
  rule?: { name: string; sql: string };
}

const ruleFor = (kind: string) => ({
  name: `medloop_${kind.replaceAll("-", "_")}`,
  // The tenant and thing come from the topic, which the IoT policy ties to the certificate. The
  // payload goes through base64-encoded and untouched, so that bad JSON reaches the handler too and
  // is refused there with a reason and counted, instead of failing inside the rule engine.
  sql: `SELECT encode(*, 'base64') AS payload, topic() AS topic, topic(2) AS tenantId, topic(3) AS thingName, timestamp() AS receivedAt FROM '${TOPIC_ROOT}/+/+/${kind}'`,
});

/** What a topic rule hands its handler: the rule SQL's output, from IoT Core or the local broker. */
export const TopicRuleEvent = z.object({
  payload: z.base64(),
  topic: z.string(),
  tenantId: z.string(),
  thingName: z.string(),
  receivedAt: z.number(),
});
export type TopicRuleEvent = z.infer<typeof TopicRuleEvent>;

const declare = <K extends string, P extends z.ZodType>(t: TopicDeclaration<K, P>) => t;

export const Topics = {
  telemetryAggregate: declare({
    kind: "telemetry-aggregate",
    direction: "gateway-to-cloud",
    description: "Per device and signal count/min/max/mean/last over one tumbling window.",
    payload: TelemetryAggregate,
    maxPayloadBytes: 120_000,
    rule: ruleFor("telemetry-aggregate"),
  }),
  alert: declare({
    kind: "alert",
    direction: "gateway-to-cloud",
    description: "A local rule raised or cleared an alert (sent at once, buffered when offline).",
    payload: Alert,
    maxPayloadBytes: 4_096,
    rule: ruleFor("alert"),
  }),
  state: declare({
    kind: "state",
    direction: "gateway-to-cloud",
    description: "A device attribute changed, or the gateway reports its counters, drops and buffer.",
    payload: State,
    maxPayloadBytes: 16_384,
    rule: ruleFor("state"),
  }),
  configAck: declare({
    kind: "config-ack",
    direction: "gateway-to-cloud",
    description: "The gateway applied a configuration version, or rejected one with the reason.",
    payload: ConfigAck,
    maxPayloadBytes: 4_096,
    rule: ruleFor("config-ack"),
  }),
  config: declare({
    kind: "config",
    direction: "cloud-to-gateway",
    description: "A complete, versioned gateway configuration.",
    payload: GatewayConfig,
    maxPayloadBytes: 120_000,
  }),
  replayRequest: declare({
    kind: "replay-request",
    direction: "cloud-to-gateway",
    description: "The cloud saw a gap and asks the gateway to send again from a sequence number.",
    payload: ReplayRequest,
    maxPayloadBytes: 256,
  }),
} as const;

export type TopicKind = (typeof Topics)[keyof typeof Topics]["kind"];
export const TOPICS = Object.values(Topics);
export const UPSTREAM_TOPICS = TOPICS.filter((t) => t.direction === "gateway-to-cloud");
export const DOWNSTREAM_TOPICS = TOPICS.filter((t) => t.direction === "cloud-to-gateway");

export interface GatewayIdentity {
  tenantId: string;
  thingName: string;
}

/** The concrete topic of one gateway. */
export const topicFor = (kind: TopicKind, id: GatewayIdentity): string =>
  `${TOPIC_ROOT}/${id.tenantId}/${id.thingName}/${kind}`;

/** The MQTT filter a topic rule (cloud or local broker) listens on: every tenant and gateway. */
export const ruleTopicFilter = (kind: TopicKind): string => `${TOPIC_ROOT}/+/+/${kind}`;

/**
 * The topic as the Greengrass recipe's accessControl names it. The nucleus interpolates both
 * variables (interpolateComponentConfiguration, nucleus 2.6+), so the policy is exact per device.
 */
export const recipeTopic = (kind: TopicKind): string =>
  `${TOPIC_ROOT}/{configuration:/tenantId}/{iot:thingName}/${kind}`;

const kinds = new Set<string>(TOPICS.map((t) => t.kind));

export function parseTopic(topic: string): (GatewayIdentity & { kind: TopicKind }) | undefined {
  const parts = topic.split("/");
  if (parts.length !== 4 || parts[0] !== TOPIC_ROOT) return undefined;
  const [, tenantId, thingName, kind] = parts;
  if (!tenantId || !thingName || !kind || !kinds.has(kind)) return undefined;
  return { tenantId, thingName, kind: kind as TopicKind };
}
