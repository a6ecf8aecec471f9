import { routes } from "../../capabilities/inventory.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as create } from "./create.ts";
import { handler as list } from "./list.ts";
import { handler as release } from "./release.ts";

/** Every inventory route of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.reserve, create],
  [routes.reservations, list],
  [routes.releaseReservation, release],
]);
