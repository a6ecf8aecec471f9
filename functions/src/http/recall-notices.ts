import { Recalls } from "@medloop/shared";
import { recalls } from "@medloop/shared/contracts/recalls";
import { implement } from "../lib/implement.ts";

const { Notices } = Recalls;

export const handler = implement(recalls.resources.recallNotices, {
  listRecallNotices: () => Notices.list(),
  getRecallNotice: ({ params }) => Notices.get(params),
  acknowledgeRecallNotice: ({ params, body }) => Notices.acknowledge({ ...params, ...body }),
  reportRecallDeviceState: ({ params, body }) => Notices.reportState({ ...params, ...body }),
});
