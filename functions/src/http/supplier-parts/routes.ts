import { routes } from "../../capabilities/procurement.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as create } from "./create.ts";
import { handler as list } from "./list.ts";

/** Supplier parts (label GTIN → material) in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.supplierParts, list],
  [routes.createSupplierPart, create],
]);
