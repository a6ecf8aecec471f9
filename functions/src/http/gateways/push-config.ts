import { Telemetry } from "@medloop/shared";
import { routes } from "../../capabilities/telemetry.ts";
import { withHttp } from "../../lib/http.ts";
import { iotPorts } from "../../lib/iot.ts";

export const handler = withHttp(routes.pushConfig, ({ params, body }) =>
  Telemetry.pushConfig({ thingName: params.thingName, config: body }, iotPorts().link),
);
