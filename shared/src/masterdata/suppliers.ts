import { codedRecords } from "./coded-records.ts";
import { Fields, Info } from "./model/suppliers.ts";

export * from "./model/suppliers.ts";

export const { CreateInput, planNew, create, get, list, update, versions, byCode, planChange } = codedRecords(
  "supplier",
  Fields,
  Info,
);
