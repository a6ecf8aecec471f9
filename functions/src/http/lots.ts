import { Holds, Stock } from "@medloop/shared";
import { inventory } from "@medloop/shared/contracts/inventory";
import { implement } from "../lib/implement.ts";

export const handler = implement(inventory.resources.lots, {
  lot: ({ params }) => Stock.lot(params),
  lotLedger: ({ params }) => Stock.ledgerOfLot(params),
  hold: ({ params, body }) => Holds.hold({ ...params, ...body }),
  releaseHold: ({ params, body }) => Holds.release({ ...params, ...body }),
});
