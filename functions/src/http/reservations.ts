import { Reservations } from "@medloop/shared";
import { inventory } from "@medloop/shared/contracts/inventory";
import { implement } from "../lib/implement.ts";

export const handler = implement(inventory.resources.reservations, {
  reserve: ({ body }) => Reservations.reserve(body),
  reservations: ({ query }) => Reservations.list(query),
  releaseReservation: ({ params }) => Reservations.release(params),
});
