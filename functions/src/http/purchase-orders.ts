import { PurchaseOrders } from "@medloop/shared";
import { procurement } from "@medloop/shared/contracts/procurement";
import { implement } from "../lib/implement.ts";

export const handler = implement(procurement.resources.purchaseOrders, {
  list: ({ query }) => PurchaseOrders.list(query).then((items) => ({ items })),
  create: ({ body }) => PurchaseOrders.create(body),
  get: ({ params }) => PurchaseOrders.get(params),
  approve: ({ params }) => PurchaseOrders.approve(params),
  close: ({ params, body }) => PurchaseOrders.close({ ...params, ...body }),
  cancel: ({ params, body }) => PurchaseOrders.cancel({ ...params, ...body }),
});
