import { Moves } from "@medloop/shared";
import { inventory } from "@medloop/shared/contracts/inventory";
import { implement } from "../lib/implement.ts";

export const handler = implement(inventory.resources.moves, {
  receive: ({ body }) => Moves.receive(body),
  issue: ({ body }) => Moves.issue(body),
  ship: ({ body }) => Moves.ship(body),
  transfer: ({ body }) => Moves.transfer(body),
  adjust: ({ body }) => Moves.adjust(body),
});
