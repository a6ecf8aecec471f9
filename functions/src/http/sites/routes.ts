import { Sites } from "@medloop/shared";
import { records } from "../../capabilities/master-data.ts";
import { versionedRecordHandler } from "../../lib/versioned-records.ts";

/** Every route of this resource in one function. */
export const handler = versionedRecordHandler(records.sites, Sites);
