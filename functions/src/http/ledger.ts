import { Stock } from "@medloop/shared";
import { inventory } from "@medloop/shared/contracts/inventory";
import { implement } from "../lib/implement.ts";

export const handler = implement(inventory.resources.ledger, {
  dayLedger: ({ query }) => Stock.ledgerOfDay(query),
});
