import { routes } from "../../capabilities/master-data.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as create } from "./create.ts";
import { handler as get } from "./get.ts";
import { handler as list } from "./list.ts";
import { handler as update } from "./update.ts";
import { handler as versions } from "./versions.ts";

/** Every route of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.listWarehouses, list],
  [routes.createWarehouse, create],
  [routes.getWarehouse, get],
  [routes.updateWarehouse, update],
  [routes.WarehouseVersions, versions],
]);
