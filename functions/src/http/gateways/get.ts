import { Telemetry } from "@medloop/shared";
import { routes } from "../../capabilities/telemetry.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.getGateway, ({ params }) => Telemetry.get(params));
