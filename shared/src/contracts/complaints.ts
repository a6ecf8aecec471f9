import { z } from "zod";
import * as Schema from "../complaints/schema.ts";
import { capability, route } from "./route.ts";

/**
 * Complaints and adverse events (TR-4). A hospital reports against its own installed base and
 * reads what it reported; the manufacturer reads the cases its linked hospitals sent, decides
 * reportability, investigates, records each report to an authority and closes.
 */
const hospital = ["hospital"] as const;
const manufacturer = ["manufacturer"] as const;
const hospitalStaff = ["admin", "biomed-engineer", "ward-user"] as const;
const caseReaders = ["quality-engineer", "service-manager", "admin"] as const;
const caseWriters = ["quality-engineer", "admin"] as const;
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const key = { params: Schema.ComplaintKey };

export const complaints = capability({
  name: "complaints",
  spec: ["TR-4"],
  resources: {
    complaints: {
      reportComplaint: route({
        method: "POST",
        path: "/v1/complaints",
        summary: "Report a complaint or adverse event against a device of your installed base, by its scanned UDI",
        roles: hospitalStaff,
        kinds: hospital,
        request: { body: Schema.ReportBody },
        response: Schema.Complaint,
        status: 201,
        idempotent: true,
        errors: {
          404: ["device-not-in-installed-base"],
          422: ["udi-unreadable", "udi-incomplete", "manufacturer-not-linked"],
        },
      }),
      listComplaints: route({
        method: "GET",
        path: "/v1/complaints",
        summary: "The complaints and adverse events your organisation reported",
        roles: hospitalStaff,
        kinds: hospital,
        response: items(Schema.Complaint),
      }),
      getComplaint: route({
        method: "GET",
        path: "/v1/complaints/{complaintId}",
        summary: "One complaint your organisation reported",
        roles: hospitalStaff,
        kinds: hospital,
        request: key,
        response: Schema.Complaint,
        errors: { 404: ["complaint-not-found"] },
      }),
    },
    complaintsReceived: {
      listComplaintCases: route({
        method: "GET",
        path: "/v1/complaint-cases",
        summary: "Complaints your linked hospitals reported, with their decisions and reporting clocks",
        roles: caseReaders,
        kinds: manufacturer,
        request: { query: Schema.CaseQuery },
        response: items(Schema.Case),
      }),
      getComplaintCase: route({
        method: "GET",
        path: "/v1/complaint-cases/{complaintId}",
        summary: "One complaint case: the report, the decision, the clocks and the investigation",
        roles: caseReaders,
        kinds: manufacturer,
        request: key,
        response: Schema.Case,
        errors: { 404: ["complaint-not-found"] },
      }),
      decideComplaintCase: route({
        method: "POST",
        path: "/v1/complaint-cases/{complaintId}/decision",
        summary: "Decide reportability (FDA MDR, EU MDR): starts each regime's reporting clock",
        roles: caseWriters,
        kinds: manufacturer,
        request: { ...key, body: Schema.DecisionBody },
        response: Schema.Case,
        errors: { 404: ["complaint-not-found"], 409: ["complaint-closed", "decision-made", "complaint-changed"] },
      }),
      noteComplaintCase: route({
        method: "POST",
        path: "/v1/complaint-cases/{complaintId}/notes",
        summary: "Add an investigation note (the first starts the investigation)",
        roles: caseWriters,
        kinds: manufacturer,
        request: { ...key, body: Schema.NoteBody },
        response: Schema.Case,
        errors: {
          404: ["complaint-not-found"],
          409: ["complaint-closed", "complaint-changed"],
          422: ["too-many-notes"],
        },
      }),
      submitComplaintReport: route({
        method: "POST",
        path: "/v1/complaint-cases/{complaintId}/submissions",
        summary: "Record the report made to an authority, with its reference: stops that regime's clock",
        roles: caseWriters,
        kinds: manufacturer,
        request: { ...key, body: Schema.SubmissionBody },
        response: Schema.Case,
        errors: {
          404: ["complaint-not-found"],
          409: ["complaint-closed", "report-submitted", "complaint-changed"],
          422: ["regime-not-reportable"],
        },
      }),
      closeComplaintCase: route({
        method: "POST",
        path: "/v1/complaint-cases/{complaintId}/close",
        summary: "Close a complaint with a reason, once every report due was recorded",
        roles: caseWriters,
        kinds: manufacturer,
        request: { ...key, body: Schema.CloseBody },
        response: Schema.Case,
        errors: {
          404: ["complaint-not-found"],
          409: ["complaint-closed", "decision-missing", "report-outstanding", "complaint-changed"],
        },
      }),
    },
  },
});
