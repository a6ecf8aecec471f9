import { procurement as procurementContracts } from "@medloop/shared/contracts/procurement";
import { defineCapability } from "../declaration/types.ts";

export const procurement = defineCapability({
  contracts: procurementContracts,
});
