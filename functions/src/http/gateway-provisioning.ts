import { Telemetry } from "@medloop/shared";
import { telemetry } from "@medloop/shared/contracts/telemetry";
import { implement } from "../lib/implement.ts";
import { iotPorts } from "../lib/iot.ts";

export const handler = implement(telemetry.resources.gatewayProvisioning, {
  registerGateway: ({ body }) => Telemetry.register(body),
  issueCredentials: ({ params }) => Telemetry.issueCredentials(params, iotPorts().registry),
});
