import { codedRecords } from "./coded-records.ts";
import { CreateInput, Info, UpdateInput } from "./schema/materials.ts";

export * from "./schema/materials.ts";

export const { planNew, create, get, list, update, versions, byCode, planChange } = codedRecords("material", {
  Info,
  CreateInput,
  UpdateInput,
});
