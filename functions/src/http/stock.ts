import { inventoryCatalogue, Stock } from "@medloop/shared";
import { inventory } from "@medloop/shared/contracts/inventory";
import { implement } from "../lib/implement.ts";

export const handler = implement(inventory.resources.stock, {
  catalogue: () => inventoryCatalogue(),
  stock: ({ query }) => Stock.list(query),
});
