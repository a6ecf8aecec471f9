import { Complaints, patternFor } from "@medloop/shared";
import { complaints as complaintsContracts } from "@medloop/shared/contracts/complaints";
import { defineCapability } from "../declaration/types.ts";

/** The name of the clock schedule (tests and the local platform run it on demand). */
export const COMPLAINT_CLOCKS = "complaint-clocks";

export const complaints = defineCapability({
  contracts: complaintsContracts,
  subscriptions: [
    {
      name: "complaints-forward",
      handler: "subscriptions/complaints",
      pattern: patternFor(Complaints.Events.Reported),
      description: "Writes a hospital's reported complaint as the manufacturer's case, in the manufacturer's partition",
    },
  ],
  schedules: [
    {
      name: COMPLAINT_CLOCKS,
      handler: "schedules/complaint-clocks",
      expression: "rate(15 minutes)",
      description:
        "Raises an early-warning alert when a complaint's reporting clock enters its warning horizon, and a critical one when it is overdue",
    },
  ],
});
