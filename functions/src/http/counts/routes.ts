import { routes } from "../../capabilities/inventory.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as enter } from "./enter.ts";
import { handler as get } from "./get.ts";
import { handler as list } from "./list.ts";
import { handler as post } from "./post.ts";

/** Every inventory route of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.enterCount, enter],
  [routes.counts, list],
  [routes.count, get],
  [routes.postCount, post],
]);
