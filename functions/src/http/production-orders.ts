import { ProductionOrders } from "@medloop/shared";
import { production } from "@medloop/shared/contracts/production";
import { implement } from "../lib/implement.ts";

export const handler = implement(production.resources.productionOrders, {
  createOrder: ({ body }) => ProductionOrders.create(body),
  orders: async ({ query }) => ({ items: await ProductionOrders.list(query) }),
  order: ({ params }) => ProductionOrders.get(params),
});
