import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";

/**
 * Nonconformance reports and CAPAs (QM-2). Each is one item: its fields, its timeline and (for a
 * CAPA) its actions as JSON, guarded by `rev` so two people acting on it at once cannot both win.
 * Both are audited through their change attributes, so every step is in the audit trail.
 */
const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

export const NcReportEntity = defineEntity({
  model: model("qmNc"),
  attributes: {
    ...changeAttributes,
    ncId: { type: "string", required: true, readOnly: true },
    ncNo: { type: "string", required: true, readOnly: true },
    rev: { type: "number", required: true },
    title: { type: "string", required: true, readOnly: true },
    description: { type: "string", required: true, readOnly: true },
    severity: { type: ["minor", "major", "critical"] as const, required: true, readOnly: true },
    /** JSON: where it was found (schema.ts `NcSource`), with the alert's evidence when from one. */
    source: { type: "string", required: true, readOnly: true },
    subjectKind: { type: "string", required: true, readOnly: true },
    subjectId: { type: "string", required: true, readOnly: true },
    quantity: { type: "number" },
    status: { type: ["open", "dispositioned"] as const, required: true },
    /** JSON: the disposition, its reason and the signature's manifest. */
    disposition: { type: "string" },
    capaId: { type: "string" },
    /** JSON: [{ at, by, step, note }] — what happened to it, oldest first. */
    timeline: { type: "string", required: true },
    raisedAt: { type: "string", required: true, readOnly: true },
    raisedBy: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byNc: {
      pk: { field: "pk", composite: ["tenantId", "ncId"], template: tenantKey("qm-nc#${ncId}"), casing: "none" },
      sk: { field: "sk", composite: [], template: "nc", casing: "none" },
    },
    // The tenant's reports by status, newest last: the NC register
    byStatus: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "status"],
        template: tenantKey("qm-ncs#${status}"),
        casing: "none",
      },
      sk: { field: "gsi1sk", composite: ["raisedAt", "ncId"], template: "${raisedAt}#${ncId}", casing: "none" },
    },
  },
});

export const CapaEntity = defineEntity({
  model: model("qmCapa"),
  attributes: {
    ...changeAttributes,
    capaId: { type: "string", required: true, readOnly: true },
    capaNo: { type: "string", required: true, readOnly: true },
    rev: { type: "number", required: true },
    kind: { type: ["corrective", "preventive"] as const, required: true, readOnly: true },
    title: { type: "string", required: true, readOnly: true },
    problem: { type: "string", required: true, readOnly: true },
    ncIds: { type: "list", items: { type: "string" }, required: true, readOnly: true },
    /** `role:<role>` or `user:<userId>`. */
    owner: { type: "string", required: true },
    dueOn: { type: "string", required: true },
    status: { type: ["investigating", "implementing", "verified", "closed"] as const, required: true },
    /** JSON: method, investigation, category and root cause, who and when. */
    rootCause: { type: "string" },
    /** JSON: [{ actionId, description, owner, dueOn, status, outcome?, doneBy?, doneAt? }]. */
    actions: { type: "string", required: true },
    /** JSON: every effectiveness check, the last one deciding, each with its signature's manifest. */
    checks: { type: "string", required: true },
    /** JSON: the closing summary and the signature's manifest. */
    closure: { type: "string" },
    timeline: { type: "string", required: true },
    openedAt: { type: "string", required: true, readOnly: true },
    openedBy: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byCapa: {
      pk: { field: "pk", composite: ["tenantId", "capaId"], template: tenantKey("qm-capa#${capaId}"), casing: "none" },
      sk: { field: "sk", composite: [], template: "capa", casing: "none" },
    },
    // The tenant's CAPAs by status, earliest due first: the CAPA board
    byStatus: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "status"],
        template: tenantKey("qm-capas#${status}"),
        casing: "none",
      },
      sk: { field: "gsi1sk", composite: ["dueOn", "capaId"], template: "${dueOn}#${capaId}", casing: "none" },
    },
  },
});
