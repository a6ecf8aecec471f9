import { z } from "zod";
import { CapaId, CapaKind, CapaStatus, CauseCategory, Disposition, NcId, Severity } from "./schema.ts";

/** What the quality API answers about nonconformances and CAPAs. Zod only: the portal imports these. */

/** One step of a record's history: who did what, when; a signed step names its signature. */
export const TimelineEntry = z.object({
  at: z.string(),
  by: z.string(),
  step: z.string(),
  note: z.string().optional(),
  signature: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** A signature as a record shows it (21 CFR 11.50): printed name, time, meaning. */
const Signed = z.object({ signatureId: z.string(), manifest: z.string() });

export const Nonconformance = z.object({
  ncId: z.string(),
  ncNo: z.string(),
  rev: z.number().int(),
  title: z.string(),
  description: z.string(),
  severity: Severity,
  source: z.record(z.string(), z.unknown()).and(z.object({ kind: z.string() })),
  subject: z.object({ kind: z.string(), id: z.string() }),
  quantity: z.number().nullable(),
  status: z.enum(["open", "dispositioned"]),
  disposition: z
    .object({ disposition: Disposition, reason: z.string(), concessionNo: z.string().optional() })
    .and(Signed)
    .nullable(),
  capaId: z.string().nullable(),
  raisedAt: z.string(),
  raisedBy: z.string(),
  timeline: z.array(TimelineEntry),
});
export type Nonconformance = z.infer<typeof Nonconformance>;

export const CapaAction = z.object({
  actionId: z.string(),
  description: z.string(),
  owner: z.string(),
  dueOn: z.string(),
  status: z.enum(["open", "done"]),
  outcome: z.string().optional(),
  doneBy: z.string().optional(),
  doneAt: z.string().optional(),
});
export type CapaAction = z.infer<typeof CapaAction>;

export const RootCause = z.object({
  method: z.string(),
  investigation: z.string(),
  category: CauseCategory,
  rootCause: z.string(),
  by: z.string(),
  at: z.string(),
});

export const EffectivenessCheck = z
  .object({ criteria: z.string(), evidence: z.string(), effective: z.boolean(), at: z.string() })
  .and(Signed);

export const Capa = z.object({
  capaId: z.string(),
  capaNo: z.string(),
  rev: z.number().int(),
  kind: CapaKind,
  title: z.string(),
  problem: z.string(),
  ncIds: z.array(z.string()),
  owner: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  status: CapaStatus,
  rootCause: RootCause.nullable(),
  actions: z.array(CapaAction),
  checks: z.array(EffectivenessCheck),
  closure: z.object({ summary: z.string(), at: z.string() }).and(Signed).nullable(),
  openedAt: z.string(),
  openedBy: z.string(),
  timeline: z.array(TimelineEntry),
});
export type Capa = z.infer<typeof Capa>;

export const NcKey = z.object({ ncId: NcId });
export const CapaKey = z.object({ capaId: CapaId });
export const CapaActionKey = CapaKey.extend({ actionId: z.uuid() });
