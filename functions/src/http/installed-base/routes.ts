import { routes } from "../../capabilities/shipping.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as get } from "./get.ts";
import { handler as list } from "./list.ts";

/** The hospital's installed-base routes in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.listInstalledBase, list],
  [routes.getInstalledDevice, get],
]);
