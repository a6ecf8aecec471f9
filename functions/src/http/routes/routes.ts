import { routes } from "../../capabilities/master-data.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as draft } from "./draft.ts";
import { handler as editDraft } from "./edit-draft.ts";
import { handler as effective } from "./effective.ts";
import { handler as get } from "./get.ts";
import { handler as list } from "./list.ts";
import { handler as release } from "./release.ts";

/** Every route of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.listRoutes, list],
  [routes.draftRoute, draft],
  [routes.getRoute, get],
  [routes.editRouteDraft, editDraft],
  [routes.releaseRoute, release],
  [routes.effectiveRoute, effective],
]);
