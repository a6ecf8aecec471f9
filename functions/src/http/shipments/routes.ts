import { routes } from "../../capabilities/shipping.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as create } from "./create.ts";
import { handler as deliver } from "./deliver.ts";
import { handler as dispatch } from "./dispatch.ts";
import { handler as get } from "./get.ts";
import { handler as list } from "./list.ts";
import { handler as pick } from "./pick.ts";
import { handler as unpick } from "./unpick.ts";
import { handler as whereabouts } from "./whereabouts.ts";

/** Every shipment route in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.listShipments, list],
  [routes.createShipment, create],
  [routes.getShipment, get],
  [routes.pick, pick],
  [routes.unpick, unpick],
  [routes.dispatch, dispatch],
  [routes.deliver, deliver],
  [routes.whereabouts, whereabouts],
]);
