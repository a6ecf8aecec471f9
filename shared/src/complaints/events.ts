import { z } from "zod";
import { defineEvent } from "../events/define.ts";
import { ComplaintDevice, Kind, PatientInvolvement } from "./schema.ts";

/**
 * A hospital reported a complaint or adverse event; emitted in the HOSPITAL's tenant, with the
 * manufacturer it is for. The forwarder (forward.ts) writes the manufacturer's case from the
 * fields it names, and only those.
 */
export const Reported = defineEvent(
  "Complaints.Reported",
  1,
  z.object({
    complaintId: z.string(),
    manufacturerTenantId: z.string(),
    kind: Kind,
    description: z.string(),
    eventDate: z.string(),
    patientInvolvement: PatientInvolvement,
    deviceOutOfService: z.boolean(),
    reporter: z.string(),
    device: ComplaintDevice,
    reportedAt: z.string(),
  }),
);
