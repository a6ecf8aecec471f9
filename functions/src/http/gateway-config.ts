import { Telemetry } from "@medloop/shared";
import { telemetry } from "@medloop/shared/contracts/telemetry";
import { implement } from "../lib/implement.ts";
import { iotPorts } from "../lib/iot.ts";

export const handler = implement(telemetry.resources.gatewayConfig, {
  pushConfig: ({ params, body }) =>
    Telemetry.pushConfig({ thingName: params.thingName, config: body }, iotPorts().link),
});
