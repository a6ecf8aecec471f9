import { recalls } from "@medloop/shared/contracts/recalls";
import { mayCall } from "@/server/may";
import type { Principal } from "@/server/schemas";

/** Who may download a campaign's evidence pack: whoever the evidence route lets read it. */
export const canReadEvidence = (user: Principal) => mayCall(user, recalls.resources.recallCampaigns.getRecallEvidence);
