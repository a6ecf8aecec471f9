import { z } from "zod";
import { DEVICE_TYPES, SIGNAL_NAMES, SIGNALS } from "./devices.ts";

/**
 * The versioned configuration of an edge gateway: the recipe's DefaultConfiguration carries one, and
 * the cloud pushes newer ones on the `config` topic. A configuration is taken whole or not at all;
 * unknown keys are refused so that a typo is a rejection, not a silently ignored setting.
 */

const Id = z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/, "1-64 letters, digits, ':', '_', '.' or '-'");
const DeviceType = z.enum(DEVICE_TYPES);
const Signal = z.enum(SIGNAL_NAMES as [keyof typeof SIGNALS, ...(keyof typeof SIGNALS)[]]);
export const Severity = z.enum(["info", "warning", "critical"]);

export const FieldClass = z.enum(["public", "internal", "patient"]);
export type FieldClass = z.infer<typeof FieldClass>;

const ThresholdRule = z.strictObject({
  id: Id,
  kind: z.literal("threshold"),
  deviceType: DeviceType,
  signal: Signal,
  above: z.number().optional(),
  below: z.number().optional(),
  /** Hysteresis: the alert clears only once the value is this far back inside the limit. */
  clearMargin: z.number().nonnegative().default(0),
  /** Consecutive breaching samples before raising, so one noisy sample does not page anybody. */
  forSamples: z.int().min(1).max(100).default(1),
  severity: Severity,
});

const RateOfChangeRule = z.strictObject({
  id: Id,
  kind: z.literal("rate-of-change"),
  deviceType: DeviceType,
  signal: Signal,
  maxRisePerMinute: z.number().positive().optional(),
  maxFallPerMinute: z.number().positive().optional(),
  /** The slope is taken over at least this long, so sample-to-sample noise is not a slope. */
  spanMs: z.int().min(0).max(600_000).default(0),
  /** Samples further apart than this are not compared (a gap is not a slope). */
  maxGapMs: z.int().min(1).max(3_600_000).default(60_000),
  severity: Severity,
});

const DeviceAlarmRule = z.strictObject({
  id: Id,
  kind: z.literal("device-alarm"),
  deviceType: DeviceType,
  /** Alarm codes this rule escalates; absent means every code the device raises. */
  codes: z.array(z.string().min(1).max(64)).max(100).optional(),
  severity: Severity,
});

export const Rule = z.discriminatedUnion("kind", [ThresholdRule, RateOfChangeRule, DeviceAlarmRule]);
export type Rule = z.infer<typeof Rule>;
export type ThresholdRule = z.infer<typeof ThresholdRule>;
export type RateOfChangeRule = z.infer<typeof RateOfChangeRule>;
export type DeviceAlarmRule = z.infer<typeof DeviceAlarmRule>;

const GatewayConfigShape = z.strictObject({
  schema: z.literal(1),
  /** Increases with every change; a gateway refuses a version that is not newer than its own. */
  version: z.int().min(0),
  window: z.strictObject({
    sizeMs: z.int().min(1_000).max(3_600_000),
    /** How long after its end a window stays open for readings that arrive late. */
    graceMs: z.int().min(0).max(600_000),
  }),
  ingest: z.strictObject({
    maxReadingBytes: z.int().min(64).max(65_536),
    maxFutureSkewMs: z.int().min(0).max(600_000),
    maxAgeMs: z.int().min(1_000).max(86_400_000),
    /** Sequence numbers remembered per device to recognise a resent reading. */
    dedupeWindow: z.int().min(16).max(65_536),
  }),
  devices: z.array(z.strictObject({ id: Id, type: DeviceType })).max(10_000),
  /** Every signal and attribute that may leave the gateway, with its class; unlisted fields never do. */
  classification: z.record(z.string().min(1).max(64), FieldClass),
  deidentification: z.strictObject({
    /** Patient-class fields replaced by a keyed per-tenant HMAC; every other patient-class field is removed. */
    pseudonymize: z.array(z.string().min(1).max(64)).max(32),
  }),
  rules: z.array(Rule).max(1_000),
  buffer: z.strictObject({
    maxBytes: z.int().min(16_384),
    /** Part of maxBytes that only alerts and state messages may use. */
    alertReserveBytes: z.int().min(0),
    segmentBytes: z
      .int()
      .min(1_024)
      .max(64 * 1024 * 1024),
    /** Acknowledged data kept for the cloud's replay requests (first to go when space is short). */
    retainAckedBytes: z.int().min(0),
  }),
  upstream: z.strictObject({
    maxInFlight: z.int().min(1).max(1_000),
    /** How often the gateway reports its counters (it also reports at once when it drops data). */
    statusIntervalMs: z.int().min(1_000).max(86_400_000),
  }),
});

/** The cross-field checks of a configuration (what a schema of each field alone cannot say). */
function checkConfig(c: Omit<z.output<typeof GatewayConfigShape>, "version">, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const seen = new Set<string>();
  c.devices.forEach((d, i) => {
    if (seen.has(d.id)) issue(["devices", i, "id"], `duplicate device id "${d.id}"`);
    seen.add(d.id);
  });
  const ruleIds = new Set<string>();
  c.rules.forEach((r, i) => {
    if (ruleIds.has(r.id)) issue(["rules", i, "id"], `duplicate rule id "${r.id}"`);
    ruleIds.add(r.id);
    if (r.kind !== "device-alarm" && SIGNALS[r.signal].deviceType !== r.deviceType) {
      issue(["rules", i, "signal"], `${r.deviceType} has no signal "${r.signal}"`);
    }
    if (r.kind === "threshold" && r.above === undefined && r.below === undefined) {
      issue(["rules", i], "a threshold rule needs above, below or both");
    }
    if (r.kind === "rate-of-change" && r.maxRisePerMinute === undefined && r.maxFallPerMinute === undefined) {
      issue(["rules", i], "a rate-of-change rule needs maxRisePerMinute, maxFallPerMinute or both");
    }
    if (r.kind === "rate-of-change" && r.spanMs >= r.maxGapMs) {
      issue(["rules", i, "spanMs"], "must be less than maxGapMs");
    }
  });
  c.deidentification.pseudonymize.forEach((f, i) => {
    if (c.classification[f] !== "patient") {
      issue(["deidentification", "pseudonymize", i], `"${f}" is not classified as patient`);
    }
  });
  if (c.buffer.alertReserveBytes >= c.buffer.maxBytes) {
    issue(["buffer", "alertReserveBytes"], "must be less than maxBytes");
  }
  if (c.buffer.segmentBytes * 4 > c.buffer.maxBytes - c.buffer.alertReserveBytes) {
    issue(
      ["buffer", "segmentBytes"],
      "at most a quarter of the space aggregates may use (maxBytes - alertReserveBytes)",
    );
  }
}

export const GatewayConfig = GatewayConfigShape.superRefine(checkConfig);
/** A configuration as the portal submits it: the cloud numbers the versions. */
export const GatewayConfigUpdate = GatewayConfigShape.omit({ version: true }).superRefine(checkConfig);
export type GatewayConfig = z.infer<typeof GatewayConfig>;
export type GatewayConfigInput = z.input<typeof GatewayConfig>;
