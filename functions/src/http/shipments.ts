import { Shipments } from "@medloop/shared";
import { shipping } from "@medloop/shared/contracts/shipping";
import { implement } from "../lib/implement.ts";

export const handler = implement(shipping.resources.shipments, {
  listShipments: ({ query }) => Shipments.list(query),
  createShipment: ({ body }) => Shipments.create(body),
  getShipment: ({ params }) => Shipments.get(params),
  pick: ({ params, body }) => Shipments.pick({ ...body, ...params }),
  unpick: ({ params }) => Shipments.unpick(params),
  dispatch: ({ params }) => Shipments.dispatch(params),
  deliver: ({ params, body }) => Shipments.deliver({ ...body, ...params }),
  whereabouts: ({ params }) => Shipments.whereabouts(params),
});
