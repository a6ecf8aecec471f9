import { Fefo } from "@medloop/shared";
import { inventory } from "@medloop/shared/contracts/inventory";
import { implement } from "../lib/implement.ts";

export const handler = implement(inventory.resources.fefo, {
  fefo: ({ query }) => Fefo.suggest(query),
});
