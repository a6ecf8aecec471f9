import { EarlyWarning } from "@medloop/shared";
import { earlyWarning } from "@medloop/shared/contracts/early-warning";
import { implement } from "../lib/implement.ts";

const { Rules } = EarlyWarning;

export const handler = implement(earlyWarning.resources.warningRules, {
  listWarningRules: async () => ({ items: await Rules.list() }),
  createWarningRule: ({ body }) => Rules.create(body),
  getWarningRule: ({ params }) => Rules.get(params),
  updateWarningRule: ({ params, body }) => Rules.update({ ...params, body }),
  enableWarningRule: ({ params, body }) => Rules.enable({ ...params, ...body }),
  disableWarningRule: ({ params, body }) => Rules.disable({ ...params, ...body }),
  backtestWarningRule: async ({ body }) => Rules.backtest(body),
});
