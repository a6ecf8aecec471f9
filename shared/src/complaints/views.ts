import type { Case, Clock, Complaint, Decision, Note, Status } from "./schema.ts";

/** The stored items and their views: each view names its fields, so nothing else leaves. */
interface Reported {
  tenantId: string;
  complaintId: string;
  kind: Complaint["kind"];
  description: string;
  eventDate: string;
  patientInvolvement: Complaint["patientInvolvement"];
  deviceOutOfService: boolean;
  reporter: string;
  udi: string;
  udiHri: string;
  udiDi: string;
  model: string;
  modelNumber: string;
  serialNo: string;
  lotNo?: string;
  reportedAt: string;
}

export interface ComplaintItem extends Reported {
  installedId: string;
  manufacturerTenantId: string;
  manufacturerName: string;
  reportedBy: string;
}

export interface CaseItem extends Reported {
  hospitalTenantId: string;
  hospitalName: string;
  awareAt: string;
  status: Status;
  rev: number;
  decision?: string;
  clocks: string;
  notes: string;
  closeReason?: string;
}

const deviceOf = (i: Reported): Complaint["device"] => ({
  udi: i.udi,
  udiHri: i.udiHri,
  udiDi: i.udiDi,
  model: i.model,
  modelNumber: i.modelNumber,
  serialNo: i.serialNo,
  lotNo: i.lotNo ?? null,
});

const reportOf = (i: Reported) => ({
  complaintId: i.complaintId,
  kind: i.kind,
  description: i.description,
  eventDate: i.eventDate,
  patientInvolvement: i.patientInvolvement,
  deviceOutOfService: i.deviceOutOfService,
  reporter: i.reporter,
  device: deviceOf(i),
  reportedAt: i.reportedAt,
});

export const toComplaint = (i: ComplaintItem): Complaint => ({
  ...reportOf(i),
  installedId: i.installedId,
  manufacturerName: i.manufacturerName,
  reportedBy: i.reportedBy,
});

export const clocksOf = (i: CaseItem): Clock[] => JSON.parse(i.clocks) as Clock[];

export const toCase = (i: CaseItem): Case => ({
  ...reportOf(i),
  hospitalTenantId: i.hospitalTenantId,
  hospitalName: i.hospitalName,
  awareAt: i.awareAt,
  status: i.status,
  decision: i.decision ? (JSON.parse(i.decision) as Decision) : null,
  clocks: clocksOf(i),
  notes: JSON.parse(i.notes) as Note[],
  closeReason: i.closeReason ?? null,
});
