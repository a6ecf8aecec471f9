import { EarlyWarning } from "@medloop/shared";
import { earlyWarning } from "@medloop/shared/contracts/early-warning";
import { implement } from "../lib/implement.ts";

const { Alerts } = EarlyWarning;

export const handler = implement(earlyWarning.resources.warningAlerts, {
  listWarningAlerts: async ({ query }) => ({ items: await Alerts.list(query) }),
  getWarningAlert: ({ params }) => Alerts.get(params),
  acknowledgeWarningAlert: ({ params, body }) => Alerts.acknowledge({ ...params, body }),
  closeWarningAlert: ({ params, body }) => Alerts.close({ ...params, ...body }),
});
