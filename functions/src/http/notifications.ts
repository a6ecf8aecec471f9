import { EarlyWarning } from "@medloop/shared";
import { earlyWarning } from "@medloop/shared/contracts/early-warning";
import { implement } from "../lib/implement.ts";

const { Tasks } = EarlyWarning;

export const handler = implement(earlyWarning.resources.notifications, {
  listNotifications: async () => ({ items: await Tasks.notifications() }),
  readNotification: ({ params }) => Tasks.markRead(params),
});
