import { routes } from "../../capabilities/production.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as disposition } from "./disposition.ts";
import { handler as inspect } from "./inspect.ts";
import { handler as issue } from "./issue.ts";
import { handler as raiseNc } from "./raise-nc.ts";
import { handler as receive } from "./receive.ts";
import { handler as release } from "./release.ts";
import { handler as report } from "./report.ts";

/** The shop-floor and quality steps on an order in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.issue, issue],
  [routes.report, report],
  [routes.inspect, inspect],
  [routes.raiseNc, raiseNc],
  [routes.disposition, disposition],
  [routes.release, release],
  [routes.receive, receive],
]);
