import { Telemetry } from "@medloop/shared";
import { routes } from "../../capabilities/telemetry.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.listConfigs, async ({ params }) => ({
  items: await Telemetry.listConfigs(params),
}));
