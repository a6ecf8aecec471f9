import { codedRecords } from "./coded-records.ts";
import { CreateInput, Info, UpdateInput } from "./schema/suppliers.ts";

export * from "./schema/suppliers.ts";

export const { planNew, create, get, list, update, versions, byCode, planChange } = codedRecords("supplier", {
  Info,
  CreateInput,
  UpdateInput,
});
