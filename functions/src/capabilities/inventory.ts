import { inventory as inventoryContracts } from "@medloop/shared/contracts/inventory";
import { defineCapability } from "../declaration/types.ts";

export const inventory = defineCapability({
  contracts: inventoryContracts,
});
