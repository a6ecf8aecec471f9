import { Suppliers } from "@medloop/shared";
import { records, routes } from "../../capabilities/master-data.ts";
import { byRoute } from "../../lib/by-route.ts";
import { versionedRecordEntries } from "../../lib/versioned-records.ts";
import { handler as qualification } from "./qualification.ts";

/** Every route of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([
  ...versionedRecordEntries(records.suppliers, Suppliers),
  [routes.supplierQualification, qualification],
]);
