import { routes } from "../../capabilities/procurement.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as inspect } from "./inspect.ts";
import { handler as origin } from "./origin.ts";
import { handler as receive } from "./receive.ts";
import { handler as samplingPlan } from "./sampling-plan.ts";

/** Receiving and incoming inspection in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.receive, receive],
  [routes.inspect, inspect],
  [routes.samplingPlan, samplingPlan],
  [routes.lotOrigin, origin],
]);
