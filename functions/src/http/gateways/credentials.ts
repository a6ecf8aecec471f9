import { Telemetry } from "@medloop/shared";
import { routes } from "../../capabilities/telemetry.ts";
import { withHttp } from "../../lib/http.ts";
import { iotPorts } from "../../lib/iot.ts";

export const handler = withHttp(routes.issueCredentials, ({ params }) =>
  Telemetry.issueCredentials(params, iotPorts().registry),
);
