import { codedRecords } from "./coded-records.ts";
import { CreateInput, Info, UpdateInput } from "./model/suppliers.ts";

export * from "./model/suppliers.ts";

export const { planNew, create, get, list, update, versions, byCode, planChange } = codedRecords("supplier", {
  Info,
  CreateInput,
  UpdateInput,
});
