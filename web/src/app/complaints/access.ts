import { complaints } from "@medloop/shared/contracts/complaints";
import { recalls } from "@medloop/shared/contracts/recalls";
import { mayCall } from "@/server/may";
import type { Principal } from "@/server/schemas";

/** Post-market pages, by the roles their routes declare (TR-4). */
export const canReportComplaints = (user: Principal) => mayCall(user, complaints.resources.complaints.listComplaints);
export const canSeeCases = (user: Principal) =>
  mayCall(user, complaints.resources.complaintsReceived.listComplaintCases);
export const canDecideCases = (user: Principal) =>
  mayCall(user, complaints.resources.complaintsReceived.decideComplaintCase);
export const canSeeNotices = (user: Principal) => mayCall(user, recalls.resources.recallNotices.listRecallNotices);
export const canAcknowledgeNotices = (user: Principal) =>
  mayCall(user, recalls.resources.recallNotices.acknowledgeRecallNotice);
export const canSeeCampaigns = (user: Principal) =>
  mayCall(user, recalls.resources.recallCampaigns.listRecallCampaigns);
export const canOpenRecalls = (user: Principal) => mayCall(user, recalls.resources.recallCampaigns.openRecallCampaign);
