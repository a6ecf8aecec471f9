import { routes } from "../../capabilities/inventory.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as catalogue } from "./catalogue.ts";
import { handler as list } from "./list.ts";

/** Every inventory route of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.catalogue, catalogue],
  [routes.stock, list],
]);
