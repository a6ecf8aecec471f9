import { Telemetry } from "@medloop/shared";
import { telemetry } from "@medloop/shared/contracts/telemetry";
import { implement } from "../lib/implement.ts";

export const handler = implement(telemetry.resources.alerts, {
  listAlerts: async ({ query }) => ({ items: await Telemetry.alerts(query) }),
});
