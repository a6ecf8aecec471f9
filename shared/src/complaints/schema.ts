import { z } from "zod";
import { IsoDate, Reason, Reference } from "../inventory/schema.ts";
import { barcode } from "../util/text.ts";

/**
 * Complaints and adverse events (TR-4; 21 CFR 820.35, 21 CFR 803, EU MDR Art. 87). A hospital
 * reports one against a device of its installed base; the manufacturer receives its own copy,
 * decides whether it is reportable and to whom, and reports before the clocks run out. Zod only:
 * the portal imports it.
 */
export const ComplaintId = z.uuid("complaintId is a complaint's id");
export const ComplaintKey = z.object({ complaintId: ComplaintId });

export const Kind = z.enum(["complaint", "adverse-event"]);
export const PatientInvolvement = z.enum(["none", "no-injury", "injury", "serious-deterioration", "death"]);
export const Regime = z.enum(["fda-mdr", "eu-mdr"]);
export const Status = z.enum(["received", "under-investigation", "reported", "closed"]);
export type Status = z.infer<typeof Status>;

const Text = (max: number) => z.string().trim().min(1).max(max);

/** What a hospital reports: the device by its scanned UDI label (GS1 element string or HRI). */
export const ReportBody = z
  .object({
    udi: barcode(Text(200)),
    kind: Kind,
    description: Text(4000),
    eventDate: IsoDate,
    patientInvolvement: PatientInvolvement,
    deviceOutOfService: z.boolean(),
    reporter: Text(200),
  })
  .strict();
export type ReportBody = z.infer<typeof ReportBody>;

/** The device a complaint is about, as the hospital's installed base knows it (21 CFR 820.35(a): the UDI). */
export const ComplaintDevice = z.object({
  udi: z.string(),
  udiHri: z.string(),
  udiDi: z.string(),
  model: z.string(),
  modelNumber: z.string(),
  serialNo: z.string(),
  lotNo: z.string().nullable(),
});

/** The hospital's own record of what it reported. */
export const Complaint = z
  .object({
    complaintId: z.string(),
    kind: Kind,
    description: z.string(),
    eventDate: z.string(),
    patientInvolvement: PatientInvolvement,
    deviceOutOfService: z.boolean(),
    reporter: z.string(),
    device: ComplaintDevice,
    installedId: z.string(),
    manufacturerName: z.string(),
    reportedAt: z.string(),
    reportedBy: z.string(),
  })
  .strict();
export type Complaint = z.infer<typeof Complaint>;

/** The manufacturer's reportability decision; the facts set the clocks (clocks.ts). */
const DecisionFields = z
  .object({
    reportable: z.boolean(),
    regimes: z.array(Regime).max(2),
    remedialAction: z.boolean(),
    publicHealthThreat: z.boolean(),
    deathOrSeriousDeterioration: z.boolean(),
    rationale: Reason,
  })
  .strict();

export const DecisionBody = DecisionFields.refine((d) => !d.reportable || d.regimes.length > 0, {
  message: "a reportable complaint names at least one regime",
  path: ["regimes"],
})
  .refine((d) => d.reportable || d.regimes.length === 0, {
    message: "a complaint that is not reportable names no regime",
    path: ["regimes"],
  })
  .refine((d) => new Set(d.regimes).size === d.regimes.length, { message: "each regime once", path: ["regimes"] });
export type DecisionBody = z.infer<typeof DecisionBody>;

export const NoteBody = z.object({ text: Text(4000) }).strict();
export const SubmissionBody = z.object({ regime: Regime, reference: Reference }).strict();
export const CloseBody = z.object({ reason: Reason }).strict();

export const Clock = z.object({
  regime: Regime,
  days: z.number(),
  unit: z.enum(["calendar", "work"]),
  dueAt: z.string(),
  warnAt: z.string(),
  /** 0 running, 1 due-soon alert raised, 2 overdue alert raised. */
  alerted: z.number(),
  submittedAt: z.string().nullable(),
  reference: z.string().nullable(),
});
export type Clock = z.infer<typeof Clock>;

export const Decision = DecisionFields.extend({ by: z.string(), at: z.string() });
export type Decision = z.infer<typeof Decision>;

export const Note = z.object({ text: z.string(), by: z.string(), at: z.string() });
export type Note = z.infer<typeof Note>;

/** The manufacturer's case: the allow-listed copy of the complaint with its investigation. */
export const Case = z
  .object({
    complaintId: z.string(),
    hospitalTenantId: z.string(),
    hospitalName: z.string(),
    kind: Kind,
    description: z.string(),
    eventDate: z.string(),
    patientInvolvement: PatientInvolvement,
    deviceOutOfService: z.boolean(),
    reporter: z.string(),
    device: ComplaintDevice,
    reportedAt: z.string(),
    awareAt: z.string(),
    status: Status,
    decision: Decision.nullable(),
    clocks: z.array(Clock),
    notes: z.array(Note),
    closeReason: z.string().nullable(),
  })
  .strict();
export type Case = z.infer<typeof Case>;

export const CaseQuery = z.object({ status: Status.optional() }).strict();
