import { codedRecords } from "./coded-records.ts";
import { CreateInput, Info, UpdateInput } from "./schema/customers.ts";

export * from "./schema/customers.ts";

export const { planNew, create, get, list, update, versions, byCode, planChange } = codedRecords("customer", {
  Info,
  CreateInput,
  UpdateInput,
});
