import { z } from "zod";
import { Owner, Subject } from "../early-warning/schema.ts";
import { SignatureInput } from "../signature/schema.ts";
import { Reason } from "../tenant/schema.ts";

/**
 * Nonconformance reports and CAPA (QM-2), what they take. A nonconformance report (NCR) records
 * a product, process or supplier deviation wherever it was found — an early-warning alert, an
 * inspection, the line, a complaint — and its signed disposition; a CAPA investigates the cause
 * of one or more of them and closes only once its actions are done and shown to work, with
 * signatures on the two steps an auditor reads (the effectiveness verdict and the closure).
 * Zod only: the portal imports this file for its forms.
 */
export const NcId = z.uuid("ncId is a nonconformance report's id");
export const CapaId = z.uuid("capaId is a CAPA's id");
export const ActionId = z.uuid("actionId is a CAPA action's id");

const Title = z.string().trim().min(3, "give it a title (3 characters at least)").max(200);
const Text = z.string().trim().min(5, "describe it (5 characters at least)").max(4000);
const Day = z.iso.date("a date is YYYY-MM-DD");

/** The signer's password (and an optional statement); each step says what its signature means. */
export const StepSignature = SignatureInput.omit({ meaning: true });

export const Severity = z.enum(["minor", "major", "critical"]);
export type Severity = z.infer<typeof Severity>;

/** Where the deviation was found; `alert` copies the alert's evidence into the report. */
export const NcSource = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("alert"), alertId: z.uuid() }),
  z.strictObject({ kind: z.literal("inspection"), reference: z.string().trim().min(1).max(200) }),
  z.strictObject({ kind: z.literal("line"), reference: z.string().trim().min(1).max(200) }),
  z.strictObject({ kind: z.literal("supplier"), reference: z.string().trim().min(1).max(200) }),
  z.strictObject({ kind: z.literal("complaint"), reference: z.string().trim().min(1).max(200) }),
  z.strictObject({ kind: z.literal("audit"), reference: z.string().trim().min(1).max(200) }),
]);
export type NcSource = z.infer<typeof NcSource>;

/**
 * What is nonconforming and its identifier: the kinds an early-warning alert is about (so an
 * alert's subject carries over as it is), and the product records a person reports against.
 */
export const NcSubjectKind = z.enum([...Subject.options, "serial", "product", "material", "other"]);
export const NcSubject = z.strictObject({
  kind: NcSubjectKind,
  id: z.string().trim().min(1).max(200),
});

export const RaiseNcInput = z.strictObject({
  source: NcSource,
  title: Title,
  description: Text,
  severity: Severity,
  /** Optional when raised from an alert: the alert's subject is taken. */
  subject: NcSubject.optional(),
  quantity: z.number().int().min(0).max(1_000_000_000).optional(),
});

/** ISO 13485 §8.3: what is done with the nonconforming product, and why. */
export const Disposition = z.enum(["use-as-is", "rework", "scrap", "return-to-supplier", "no-product-affected"]);
export type Disposition = z.infer<typeof Disposition>;

export const DispositionInput = z.strictObject({
  disposition: Disposition,
  reason: Reason,
  /** A use-as-is needs the concession that allows it. */
  concessionNo: z.string().trim().min(1).max(60).optional(),
  signature: StepSignature,
});

/** The register by status, or the one report raised from an alert (the alert's page asks). */
export const NcQuery = z.object({ status: z.enum(["open", "dispositioned"]).optional(), alertId: z.uuid().optional() });

export const CapaKind = z.enum(["corrective", "preventive"]);

export const OpenCapaInput = z.strictObject({
  kind: CapaKind,
  title: Title,
  problem: Text,
  /** The nonconformances it investigates (none for a preventive action from a trend). */
  ncIds: z.array(NcId).max(50).default([]),
  owner: Owner,
  dueOn: Day,
});

/** The 6M categories of a fishbone: what an investigator files the cause under. */
export const CauseCategory = z.enum(["man", "machine", "material", "method", "measurement", "environment"]);

export const RootCauseInput = z.strictObject({
  expectedRev: z.number().int().min(1),
  method: z.enum(["5-why", "fishbone", "fault-tree", "other"]),
  investigation: Text,
  category: CauseCategory,
  rootCause: Text,
});

export const AddActionInput = z.strictObject({
  expectedRev: z.number().int().min(1),
  description: Text,
  owner: Owner,
  dueOn: Day,
});

export const CompleteActionInput = z.strictObject({
  expectedRev: z.number().int().min(1),
  outcome: Text,
});

export const EffectivenessInput = z.strictObject({
  expectedRev: z.number().int().min(1),
  criteria: Text,
  evidence: Text,
  effective: z.boolean(),
  signature: StepSignature,
});

export const CloseCapaInput = z.strictObject({
  expectedRev: z.number().int().min(1),
  summary: Text,
  signature: StepSignature,
});

/**
 * investigating → (root cause) → implementing → (every action done, verified effective) → verified
 * → (signed closure) → closed. A check that finds the actions did not work leaves it implementing.
 */
export const CapaStatus = z.enum(["investigating", "implementing", "verified", "closed"]);
export type CapaStatus = z.infer<typeof CapaStatus>;
export const CapaQuery = z.object({ status: CapaStatus.optional() });
