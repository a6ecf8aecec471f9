import { production as productionContracts } from "@medloop/shared/contracts/production";
import { defineCapability } from "../declaration/types.ts";

export const production = defineCapability({
  contracts: productionContracts,
});
