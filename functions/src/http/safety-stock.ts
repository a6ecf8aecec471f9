import { SafetyStocks } from "@medloop/shared";
import { inventory } from "@medloop/shared/contracts/inventory";
import { implement } from "../lib/implement.ts";

export const handler = implement(inventory.resources.safetyStock, {
  safetyStocks: () => SafetyStocks.list(),
  setSafetyStock: ({ params, body }) => SafetyStocks.set({ ...params, ...body }),
});
