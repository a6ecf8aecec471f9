import { codedRecords } from "./coded-records.ts";
import { CreateInput, Info, UpdateInput } from "./model/materials.ts";

export * from "./model/materials.ts";

export const { planNew, create, get, list, update, versions, byCode, planChange } = codedRecords("material", {
  Info,
  CreateInput,
  UpdateInput,
});
