import { Telemetry } from "@medloop/shared";
import { telemetry } from "@medloop/shared/contracts/telemetry";
import { implement } from "../lib/implement.ts";

export const handler = implement(telemetry.resources.gateways, {
  listGateways: async () => ({ items: await Telemetry.list() }),
  getGateway: ({ params }) => Telemetry.get(params),
  listConfigs: async ({ params }) => ({
    items: await Telemetry.listConfigs(params),
  }),
});
