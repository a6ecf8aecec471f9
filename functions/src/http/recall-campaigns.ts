import { Recalls } from "@medloop/shared";
import { recalls } from "@medloop/shared/contracts/recalls";
import { implement } from "../lib/implement.ts";

const { Campaigns, Evidence } = Recalls;

export const handler = implement(recalls.resources.recallCampaigns, {
  openRecallCampaign: ({ body }) => Campaigns.open(body),
  listRecallCampaigns: ({ query }) => Campaigns.list(query),
  getRecallCampaign: ({ params }) => Campaigns.get(params),
  recordRecallDeviceState: ({ params, body }) => Campaigns.recordState({ ...params, ...body }),
  closeRecallCampaign: ({ params, body }) => Campaigns.close({ ...params, ...body }),
  getRecallEvidence: ({ params }) => Evidence.pack(params),
});
