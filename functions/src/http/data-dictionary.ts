import { DataDictionary } from "@medloop/shared";
import { masterData } from "@medloop/shared/contracts/master-data";
import { implement } from "../lib/implement.ts";

export const handler = implement(masterData.resources.dataDictionary, {
  dataDictionary: async () => ({ items: DataDictionary.all() }),
});
