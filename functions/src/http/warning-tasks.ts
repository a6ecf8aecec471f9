import { EarlyWarning } from "@medloop/shared";
import { earlyWarning } from "@medloop/shared/contracts/early-warning";
import { implement } from "../lib/implement.ts";

const { Tasks } = EarlyWarning;

export const handler = implement(earlyWarning.resources.warningTasks, {
  listWarningTasks: async ({ query }) => ({ items: await Tasks.list(query) }),
  getWarningTask: ({ params }) => Tasks.get(params),
  assignWarningTask: ({ params, body }) => Tasks.assign({ ...params, ...body }),
  completeWarningTask: ({ params, body }) => Tasks.complete({ ...params, ...body }),
});
