import { Complaints } from "@medloop/shared";
import { complaints } from "@medloop/shared/contracts/complaints";
import { implement } from "../lib/implement.ts";

const { Cases } = Complaints;

export const handler = implement(complaints.resources.complaintsReceived, {
  listComplaintCases: async ({ query }) => ({ items: await Cases.list(query) }),
  getComplaintCase: ({ params }) => Cases.get(params),
  decideComplaintCase: ({ params, body }) => Cases.decide({ ...params, body }),
  noteComplaintCase: ({ params, body }) => Cases.note({ ...params, body }),
  submitComplaintReport: ({ params, body }) => Cases.submit({ ...params, body }),
  closeComplaintCase: ({ params, body }) => Cases.close({ ...params, body }),
});
