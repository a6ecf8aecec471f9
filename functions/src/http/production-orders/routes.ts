import { routes } from "../../capabilities/production.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as create } from "./create.ts";
import { handler as get } from "./get.ts";
import { handler as list } from "./list.ts";

/** The production-order routes of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.createOrder, create],
  [routes.orders, list],
  [routes.order, get],
]);
