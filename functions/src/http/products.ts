import { Products } from "@medloop/shared";
import { masterData } from "@medloop/shared/contracts/master-data";
import { implement } from "../lib/implement.ts";
import { versionedRecordOperations } from "../lib/versioned-records.ts";

export const handler = implement(
  masterData.resources.products,
  versionedRecordOperations(masterData.resources.products, Products),
);
