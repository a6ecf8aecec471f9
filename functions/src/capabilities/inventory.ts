import { inventory as inventoryContracts } from "@medloop/shared/contracts/inventory";
import { defineCapability } from "../declaration/types.ts";

export const inventory = defineCapability({
  contracts: inventoryContracts,
  schedules: [
    {
      name: "inventory-reconcile",
      handler: "schedules/inventory-reconcile",
      expression: "rate(1 hour)",
      description: "compares stock balances with their ledger sums and raises an integrity alert on a difference",
    },
  ],
});
