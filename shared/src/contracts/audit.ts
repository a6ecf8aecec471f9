import * as Audit from "../audit/schema.ts";
import { capability, route } from "./route.ts";

export const audit = capability({
  name: "audit",
  spec: ["QM-1", "SEC-6"],
  resources: {
    audit: {
      history: route({
        method: "GET",
        path: "/v1/audit/records/{entityKey}",
        errors: { 400: ["invalid-cursor"], 404: ["audit-history-not-found"] },
        summary:
          "Change history of one record (URL-encoded entity key, e.g. user%3A<id>): who changed which fields, when and why",
        // Per tenant kind, the people answerable for its records: quality (manufacturer), biomed (hospital), dispatch (partner).
        roles: ["admin", "quality-engineer", "biomed-engineer", "dispatcher"],
        request: {
          params: Audit.HistoryInput.pick({ entityKey: true }),
          query: Audit.HistoryInput.pick({ cursor: true, limit: true }),
        },
        response: Audit.HistoryPage,
        sensitive: true,
      }),
      verify: route({
        method: "POST",
        path: "/v1/audit/verify",
        summary: "Check your organisation's audit chain: every record present, in order, unedited, ending at the head",
        roles: ["admin", "quality-engineer"],
        response: Audit.VerifyResult,
        anchors: "read",
      }),
    },
  },
});
