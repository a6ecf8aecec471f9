import { codedRecords } from "./coded-records.ts";
import { Fields, Info } from "./model/customers.ts";

export * from "./model/customers.ts";

export const { CreateInput, planNew, create, get, list, update, versions, byCode, planChange } = codedRecords(
  "customer",
  Fields,
  Info,
);
