import { z } from "zod";
import { type FieldIssue, validation } from "../errors/index.ts";
import { Reason, Role } from "../tenant/schema.ts";
import { firesEver, parseScheduleExpression } from "../util/schedule-expression.ts";
import { NELSON_RULES, type NelsonRule } from "./spc.ts";

/**
 * Early-warning rules as data (EW-4): a tenant writes these through the API and the warning handler
 * evaluates them, so every shape a rule can take is refused here or not at all. Strict objects (an
 * unknown field is a typo, not a comment) and finite numbers only (zod 4 refuses NaN and ±Infinity).
 * Zod only: the portal imports this file for its rule editor.
 */
export const RuleId = z.uuid("ruleId is a rule's id");
export const Grade = z.enum(["info", "warning", "critical"]);
export type Grade = z.infer<typeof Grade>;

export const Subject = z.enum([
  "lot",
  "supplier",
  "process-parameter",
  "inspection-characteristic",
  "device",
  "certificate",
  "stock-item",
  "calibration",
]);
export type Subject = z.infer<typeof Subject>;

/** Who an alert's task goes to (EW-3): everyone holding a role, or one named user. */
export const Owner = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("role"), role: Role }),
  z.strictObject({ type: z.literal("user"), userId: z.string().trim().min(1).max(128) }),
]);
export type Owner = z.infer<typeof Owner>;

/** An EventBridge Scheduler expression that parses and fires at least once; the issue names the field. */
export const Schedule = z.string().superRefine((expression, ctx) => {
  try {
    if (!firesEver(parseScheduleExpression(expression))) {
      ctx.addIssue({ code: "custom", message: `${expression} never fires` });
    }
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message });
  }
});

/** Names a characteristic, an item, a supplier or a gateway rule as the events carry it. */
const Ref = z.string().trim().min(1).max(128);
const Count = z.number().int().min(1);

export const Comparison = z.enum(["gt", "gte", "lt", "lte"]);
export type Comparison = z.infer<typeof Comparison>;

const Threshold = z.strictObject({
  kind: z.literal("threshold"),
  /** The number compared: a measurement's value or a stock level's quantity. */
  field: z.enum(["measurement.value", "stock-level.quantity"]),
  /** Only this characteristic (measurements) or item (stock levels); every one when absent. */
  match: Ref.optional(),
  comparison: Comparison,
  value: z.number(),
});

const SpcLimits = z.discriminatedUnion("from", [
  /**
   * The first N points of the characteristic fix the limits (moving-range sigma unless told); under
   * ten points the sigma estimate is too loose to judge anything by.
   */
  z.strictObject({
    from: z.literal("baseline"),
    points: z.number().int().min(10).max(500),
    estimator: z.enum(["moving-range", "sample-sd"]).default("moving-range"),
  }),
  z.strictObject({ from: z.literal("given"), mean: z.number(), sigma: z.number().positive() }),
]);

const Spc = z.strictObject({
  kind: z.literal("spc"),
  characteristic: Ref,
  limits: SpcLimits,
  rules: z
    .array(z.union(NELSON_RULES.map((r) => z.literal(r)) as [z.ZodLiteral<NelsonRule>, ...z.ZodLiteral<NelsonRule>[]]))
    .min(1)
    .max(8)
    .default([...NELSON_RULES]),
});

/** Supplier performance drift (QM-4): the reject rate over a supplier's last N receipts above a maximum. */
const Ratio = z.strictObject({
  kind: z.literal("ratio"),
  measure: z.literal("supplier-reject-rate"),
  receipts: z.number().int().min(1).max(200),
  max: z.number().min(0).max(1),
});

const Expiry = z.strictObject({
  kind: z.literal("expiry"),
  of: z.enum(["certificate", "lot", "calibration", "qualification"]),
  horizonDays: z.number().int().min(0).max(3650),
  schedule: Schedule,
});

const StockBelowSafety = z.strictObject({ kind: z.literal("stock-below-safety"), match: Ref.optional() });

const Silence = z.strictObject({
  kind: z.literal("silence"),
  minutes: Count.max(60 * 24 * 31),
  schedule: Schedule,
});

export const TelemetryAlertKind = z.enum(["threshold", "rate-of-change", "device-alarm"]);

const TelemetryAlert = z.strictObject({
  kind: z.literal("telemetry-alert"),
  /** Gateway alert kinds that count; all when absent. */
  alertKinds: z.array(TelemetryAlertKind).min(1).optional(),
  /** Gateway rule names that count; all when absent. */
  alertRules: z.array(Ref).min(1).max(50).optional(),
  minSeverity: Grade.default("warning"),
});

export const Condition = z.discriminatedUnion("kind", [
  Threshold,
  Spc,
  Ratio,
  Expiry,
  StockBelowSafety,
  Silence,
  TelemetryAlert,
]);
export type Condition = z.infer<typeof Condition>;
export type Kind = Condition["kind"];

/** The subjects each kind of condition can watch; anything else is a rule that can never fire. */
export const SUBJECTS_OF: Record<Kind, readonly Subject[]> = {
  threshold: ["process-parameter", "inspection-characteristic", "lot", "stock-item"],
  spc: ["process-parameter", "inspection-characteristic"],
  ratio: ["supplier"],
  expiry: ["certificate", "lot", "calibration"],
  "stock-below-safety": ["stock-item"],
  silence: ["device"],
  "telemetry-alert": ["device"],
};

const RuleFields = z.strictObject({
  name: z.string().trim().min(3).max(120),
  grade: Grade,
  subject: Subject,
  owner: Owner,
  enabled: z.boolean(),
  /** A critical alert on a lot may place that lot on quality hold. */
  holdLotOnCritical: z.boolean().optional(),
  condition: Condition,
});

type Fields = z.infer<typeof RuleFields>;

function consistent(rule: Fields, ctx: z.RefinementCtx): void {
  const subjects = SUBJECTS_OF[rule.condition.kind];
  if (!subjects.includes(rule.subject)) {
    ctx.addIssue({
      code: "custom",
      path: ["subject"],
      message: `a ${rule.condition.kind} rule watches ${subjects.join(" or ")}, not ${rule.subject}`,
    });
  }
  const c = rule.condition;
  if (c.kind === "threshold" && (c.field === "stock-level.quantity") !== (rule.subject === "stock-item")) {
    ctx.addIssue({ code: "custom", path: ["subject"], message: "stock levels are watched on stock items only" });
  }
  // A qualification is proven by its certificate: the subject list has no person.
  const expiring = c.kind === "expiry" ? (c.of === "qualification" ? "certificate" : c.of) : undefined;
  if (expiring && expiring !== rule.subject) {
    ctx.addIssue({
      code: "custom",
      path: ["subject"],
      message: `the expiry of a ${c.kind === "expiry" ? c.of : ""} is watched on a ${expiring}`,
    });
  }
  if (rule.holdLotOnCritical && rule.grade !== "critical") {
    ctx.addIssue({ code: "custom", path: ["holdLotOnCritical"], message: "only a critical rule may hold a lot" });
  }
}

/** What a tenant sends to create a rule. */
export const CreateRuleInput = RuleFields.superRefine(consistent);
export type CreateRuleInput = z.input<typeof CreateRuleInput>;

/** A full replacement of a rule's fields, guarded by the version it was read at. */
export const UpdateRuleInput = RuleFields.extend({ expectedVersion: z.number().int().min(1) }).superRefine(consistent);
export type UpdateRuleInput = z.input<typeof UpdateRuleInput>;

/** The API's create body: the rule, and optionally why it is made (the first version's reason). */
export const CreateRuleBody = RuleFields.extend({ reason: Reason.optional() }).superRefine(consistent);
/** The API's update body: a full replacement guarded by the version it was read at, and why. */
export const UpdateRuleBody = RuleFields.extend({
  expectedVersion: z.number().int().min(1),
  reason: Reason,
}).superRefine(consistent);

export const Rule = RuleFields.extend({ ruleId: RuleId, version: z.number().int().min(1) }).superRefine(consistent);
export type Rule = z.infer<typeof Rule>;

/**
 * A stored or submitted rule, or a typed `invalid-rule` error whose issues name each refused field
 * (`condition.schedule`, `subject`, ...), for callers outside the HTTP edge's ZodError mapping.
 */
export function readRule(input: unknown): Rule {
  const parsed = Rule.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: FieldIssue[] = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw validation(
    "invalid-rule",
    `the rule is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    issues,
  );
}

const EventId = z.string().min(1).max(200);
const At = z.iso.datetime({ offset: true });

/**
 * What the warning handler feeds the rules, one per bus event it maps: the facts a rule reads, with
 * the event's id (replays carry the same one) and when it happened.
 */
export const Observation = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("measurement"),
    eventId: EventId,
    at: At,
    characteristic: Ref,
    value: z.number(),
    unit: z.string().min(1).max(32),
    lot: Ref.optional(),
  }),
  z.strictObject({
    type: z.literal("inspection"),
    eventId: EventId,
    at: At,
    supplier: Ref,
    receipt: Ref,
    passed: z.boolean(),
    lot: Ref.optional(),
  }),
  z.strictObject({
    type: z.literal("stock-level"),
    eventId: EventId,
    at: At,
    item: Ref,
    quantity: z.number(),
    safetyLevel: z.number(),
  }),
  z.strictObject({
    type: z.literal("expiry"),
    eventId: EventId,
    at: At,
    what: z.enum(["certificate", "lot", "calibration", "qualification"]),
    subjectId: Ref,
    expiresOn: z.iso.date(),
  }),
  z.strictObject({ type: z.literal("heartbeat"), eventId: EventId, at: At, device: Ref }),
  z.strictObject({
    type: z.literal("telemetry-alert"),
    eventId: EventId,
    at: At,
    device: Ref,
    alertId: z.string().min(1).max(200),
    status: z.enum(["raised", "cleared"]),
    rule: Ref,
    ruleKind: TelemetryAlertKind,
    severity: Grade,
  }),
]);
export type Observation = z.infer<typeof Observation>;

/** An observation as the bus delivers it to the warning handler: whose it is, then what. */
export const ObservationEnvelope = z.strictObject({ tenantId: z.string().min(1).max(64), observation: Observation });
export type ObservationEnvelope = z.infer<typeof ObservationEnvelope>;
