import { routes } from "../../capabilities/inventory.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as adjust } from "./adjust.ts";
import { handler as issue } from "./issue.ts";
import { handler as receive } from "./receive.ts";
import { handler as ship } from "./ship.ts";
import { handler as transfer } from "./transfer.ts";

/** Every inventory route of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.receive, receive],
  [routes.issue, issue],
  [routes.ship, ship],
  [routes.transfer, transfer],
  [routes.adjust, adjust],
]);
