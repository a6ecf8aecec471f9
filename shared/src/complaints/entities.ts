import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";

const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

const KIND = ["complaint", "adverse-event"] as const;
const INVOLVEMENT = ["none", "no-injury", "injury", "serious-deterioration", "death"] as const;

/** What every copy of a complaint holds: the report and the device it names. */
const reported = {
  complaintId: { type: "string", required: true, readOnly: true },
  kind: { type: KIND, required: true, readOnly: true },
  description: { type: "string", required: true, readOnly: true },
  eventDate: { type: "string", required: true, readOnly: true },
  patientInvolvement: { type: INVOLVEMENT, required: true, readOnly: true },
  deviceOutOfService: { type: "boolean", required: true, readOnly: true },
  reporter: { type: "string", required: true, readOnly: true },
  udi: { type: "string", required: true, readOnly: true },
  udiHri: { type: "string", required: true, readOnly: true },
  udiDi: { type: "string", required: true, readOnly: true },
  model: { type: "string", required: true, readOnly: true },
  modelNumber: { type: "string", required: true, readOnly: true },
  serialNo: { type: "string", required: true, readOnly: true },
  lotNo: { type: "string", readOnly: true },
  reportedAt: { type: "string", required: true, readOnly: true },
} as const;

/** A complaint as the HOSPITAL reported it, in the hospital's partition; never changed after. */
export const ComplaintEntity = defineEntity({
  model: model("complaint"),
  attributes: {
    ...changeAttributes,
    ...reported,
    installedId: { type: "string", required: true, readOnly: true },
    manufacturerTenantId: { type: "string", required: true, readOnly: true },
    manufacturerName: { type: "string", required: true, readOnly: true },
    reportedBy: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byComplaint: {
      pk: {
        field: "pk",
        composite: ["tenantId", "complaintId"],
        template: tenantKey("complaint#${complaintId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "complaint", casing: "none" },
    },
    // The hospital's complaints, newest last
    byReported: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["tenantId"], template: tenantKey("complaints"), casing: "none" },
      sk: {
        field: "gsi1sk",
        composite: ["reportedAt", "complaintId"],
        template: "${reportedAt}#${complaintId}",
        casing: "none",
      },
    },
  },
});

const STATUS = ["received", "under-investigation", "reported", "closed"] as const;

/**
 * The MANUFACTURER's case of a complaint, in its partition, under the hospital's complaint id (so a
 * replayed forward finds it). Decision, clocks and notes as JSON, guarded by `rev`: every change is
 * conditional on the revision it read.
 */
export const ComplaintCaseEntity = defineEntity({
  model: model("complaintCase"),
  attributes: {
    ...changeAttributes,
    ...reported,
    hospitalTenantId: { type: "string", required: true, readOnly: true },
    hospitalName: { type: "string", required: true, readOnly: true },
    awareAt: { type: "string", required: true, readOnly: true },
    status: { type: STATUS, required: true },
    rev: { type: "number", required: true },
    decision: { type: "string" },
    clocks: { type: "string", required: true },
    notes: { type: "string", required: true },
    closeReason: { type: "string" },
  },
  indexes: {
    byCase: {
      pk: {
        field: "pk",
        composite: ["tenantId", "complaintId"],
        template: tenantKey("complaint-case#${complaintId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "case", casing: "none" },
    },
    // The manufacturer's cases by status, oldest awareness first: the inbox, and the clock sweep's open ones
    byStatus: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "status"],
        template: tenantKey("complaint-cases#${status}"),
        casing: "none",
      },
      sk: {
        field: "gsi1sk",
        composite: ["awareAt", "complaintId"],
        template: "${awareAt}#${complaintId}",
        casing: "none",
      },
    },
  },
});
