import { Telemetry } from "@medloop/shared";
import { telemetry } from "@medloop/shared/contracts/telemetry";
import { implement } from "../lib/implement.ts";

export const handler = implement(telemetry.resources.devices, {
  listDevices: async ({ query }) => ({
    items: await Telemetry.listDevices(query),
  }),
  deviceWindows: async ({ params, query }) => ({
    items: await Telemetry.windows({ deviceId: params.deviceId, ...query }),
  }),
});
