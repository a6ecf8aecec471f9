import { masterData as masterDataContracts } from "@medloop/shared/contracts/master-data";
import { defineCapability } from "../declaration/types.ts";

export const masterData = defineCapability({
  contracts: masterDataContracts,
});
