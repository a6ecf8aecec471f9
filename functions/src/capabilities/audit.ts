import { audit as auditContracts } from "@medloop/shared/contracts/audit";
import { defineCapability } from "../declaration/types.ts";

export const audit = defineCapability({
  contracts: auditContracts,
  streams: [
    {
      name: "audit-trail",
      handler: "streams/audit",
      filter: "changes",
      mode: "event-source",
      anchors: "write",
      description: "Appends every committed change of a domain record to its tenant's hash-chained audit trail",
    },
  ],
  schedules: [
    {
      name: "audit-anchor",
      handler: "schedules/audit-anchor",
      expression: "rate(5 minutes)",
      anchors: "write",
      description:
        "writes each tenant's chain head (when it moved) to the Object Lock bucket; the stream consumer also anchors every Audit.ANCHOR_EVERY records",
    },
  ],
});
