import { routes } from "../../capabilities/traceability.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as backward } from "./backward.ts";
import { handler as forward } from "./forward.ts";

/** The trace routes in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.backward, backward],
  [routes.forward, forward],
]);
