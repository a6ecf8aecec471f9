import { describe, expect, it } from "vitest";
import { CloseBody, DecisionBody, ReportBody, SubmissionBody } from "./schema.ts";

const report = {
  udi: "(01)09506000134352(21)SN-1",
  kind: "adverse-event",
  description: "Alarm did not sound",
  eventDate: "2026-12-01",
  patientInvolvement: "injury",
  deviceOutOfService: true,
  reporter: "Dr. Ada",
};
const decision = {
  reportable: true,
  regimes: ["fda-mdr"],
  remedialAction: true,
  publicHealthThreat: false,
  deathOrSeriousDeterioration: false,
  rationale: "Malfunction that could cause serious injury",
};

describe("a complaint's input", () => {
  it("takes a well-formed report", () => {
    expect(ReportBody.parse(report)).toEqual(report);
  });

  it.each([
    ["no UDI", { ...report, udi: undefined }],
    ["an empty description", { ...report, description: "  " }],
    ["a kind of its own", { ...report, kind: "rumour" }],
    ["a date that is not one", { ...report, eventDate: "2026-13-40" }],
    ["an unknown involvement", { ...report, patientInvolvement: "some" }],
    ["a tenant smuggled in", { ...report, tenantId: "acme-med" }],
  ])("refuses %s", (_, body) => {
    expect(ReportBody.safeParse(body).success).toBe(false);
  });

  it("refuses a decision that contradicts itself", () => {
    expect(DecisionBody.safeParse(decision).success).toBe(true);
    expect(DecisionBody.safeParse({ ...decision, regimes: [] }).success).toBe(false);
    expect(DecisionBody.safeParse({ ...decision, reportable: false }).success).toBe(false);
    expect(DecisionBody.safeParse({ ...decision, regimes: ["fda-mdr", "fda-mdr"] }).success).toBe(false);
    expect(DecisionBody.safeParse({ ...decision, rationale: "" }).success).toBe(false);
  });

  it("refuses a submission without reference or of an unknown regime, and a close without reason", () => {
    expect(SubmissionBody.safeParse({ regime: "fda-mdr", reference: "" }).success).toBe(false);
    expect(SubmissionBody.safeParse({ regime: "mhra", reference: "X" }).success).toBe(false);
    expect(CloseBody.safeParse({ reason: "" }).success).toBe(false);
  });
});
