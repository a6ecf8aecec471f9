import { Audit } from "@medloop/shared";
import { defineCapability, route } from "../declaration/types.ts";

export const routes = {
  history: route({
    method: "GET",
    path: "/v1/audit/records/{entityKey}",
    handler: "http/audit/history",
    summary:
      "Change history of one record (URL-encoded entity key, e.g. user%3A<id>): who changed which fields, when and why",
    // Per tenant kind, the people answerable for its records: quality (manufacturer), biomed (hospital), dispatch (partner).
    roles: ["admin", "quality-engineer", "biomed-engineer", "dispatcher"],
    request: {
      params: Audit.history.schema.pick({ entityKey: true }),
      query: Audit.history.schema.pick({ cursor: true, limit: true }),
    },
    response: Audit.HistoryPage,
    sensitive: true,
  }),
  verify: route({
    method: "POST",
    path: "/v1/audit/verify",
    handler: "http/audit/verify",
    summary: "Check your organisation's audit chain: every record present, in order, unedited, ending at the head",
    roles: ["admin", "quality-engineer"],
    response: Audit.VerifyResult,
  }),
};

export const audit = defineCapability({
  name: "audit",
  spec: ["QM-1", "SEC-6"],
  routes: Object.values(routes),
  streams: [
    {
      name: "audit-trail",
      handler: "streams/audit",
      filter: "changes",
      mode: "event-source",
      description: "Appends every committed change of a domain record to its tenant's hash-chained audit trail",
    },
  ],
  schedules: [
    {
      name: "audit-anchor",
      handler: "schedules/audit-anchor",
      expression: "rate(1 day)",
      description: "writes each tenant's chain head to the Object Lock bucket",
    },
  ],
});
