import { routes } from "../../capabilities/inventory.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as get } from "./get.ts";
import { handler as hold } from "./hold.ts";
import { handler as ledger } from "./ledger.ts";
import { handler as release } from "./release.ts";

/** Every inventory route of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.lot, get],
  [routes.lotLedger, ledger],
  [routes.hold, hold],
  [routes.releaseHold, release],
]);
