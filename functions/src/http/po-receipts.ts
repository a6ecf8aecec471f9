import { IncomingInspection, Receiving, Sampling } from "@medloop/shared";
import { procurement } from "@medloop/shared/contracts/procurement";
import { implement } from "../lib/implement.ts";

export const handler = implement(procurement.resources.poReceipts, {
  receive: ({ params, body }) => Receiving.receive({ ...params, ...body }),
  inspect: ({ params, body }) => IncomingInspection.inspect({ ...params, ...body }),
  samplingPlan: ({ query }) => Promise.resolve(Sampling.planFor(query)),
  lotOrigin: ({ params }) => Receiving.origin(params),
});
