import { routes } from "../../capabilities/inventory.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as suggest } from "./suggest.ts";

/** Every inventory route of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([[routes.fefo, suggest]]);
