import { Complaints } from "@medloop/shared";
import { complaints } from "@medloop/shared/contracts/complaints";
import { implement } from "../lib/implement.ts";

export const handler = implement(complaints.resources.complaints, {
  reportComplaint: ({ body }) => Complaints.report(body),
  listComplaints: async () => ({ items: await Complaints.list() }),
  getComplaint: ({ params }) => Complaints.get(params),
});
