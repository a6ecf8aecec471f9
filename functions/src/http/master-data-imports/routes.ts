import { routes } from "../../capabilities/master-data.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as run } from "./run.ts";

/** Every route of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([[routes.importMasterData, run]]);
