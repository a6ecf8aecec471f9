import { production } from "@medloop/shared/contracts/production";
import { mayCall } from "@/server/may";
import type { Principal } from "@/server/schemas";

const { productionOrders: orders, productionSteps: steps } = production.resources;

/** Who may do what on the shop floor: the route behind each act, as its contract allows it. */
const ROUTES = {
  read: orders.orders,
  plan: orders.createOrder,
  issue: steps.issue,
  report: steps.report,
  inspect: steps.inspect,
  raise: steps.raiseNc,
  disposition: steps.disposition,
  release: steps.release,
  receive: steps.receive,
};

export type ProductionAction = keyof typeof ROUTES;

export const canProduce = (user: Principal, action: ProductionAction) => mayCall(user, ROUTES[action]);
