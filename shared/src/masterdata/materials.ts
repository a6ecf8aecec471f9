import { codedRecords } from "./coded-records.ts";
import { Fields, Info } from "./model/materials.ts";

export * from "./model/materials.ts";

export const { CreateInput, planNew, create, get, list, update, versions, byCode, planChange } = codedRecords(
  "material",
  Fields,
  Info,
);
