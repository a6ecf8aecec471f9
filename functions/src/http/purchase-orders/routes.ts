import { routes } from "../../capabilities/procurement.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as approve } from "./approve.ts";
import { handler as cancel } from "./cancel.ts";
import { handler as close } from "./close.ts";
import { handler as create } from "./create.ts";
import { handler as get } from "./get.ts";
import { handler as list } from "./list.ts";

/** Every purchase-order route of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.list, list],
  [routes.create, create],
  [routes.get, get],
  [routes.approve, approve],
  [routes.close, close],
  [routes.cancel, cancel],
]);
