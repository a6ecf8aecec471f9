import { Telemetry } from "@medloop/shared";
import { routes } from "../../capabilities/telemetry.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.listDevices, async ({ query }) => ({
  items: await Telemetry.listDevices(query),
}));
