import type { CapabilityDeclaration, RouteDeclaration } from "@medloop/functions/declaration/index";
import { pascal } from "./common.ts";

/**
 * Resources a handler adds besides its routes: function, role, managed policy, log group,
 * integration and invoke permission.
 */
export const RESOURCES_PER_HANDLER = 6;

/**
 * Estimated resources per nested stack before a capability's routes spill into another one. Far
 * below CloudFormation's 500, so a stack that ends up over the estimate (a handler with many
 * routes, grants the estimate does not count) still fits.
 */
export const ROUTE_STACK_BUDGET = 250;

/** The routes one nested stack of the API deploys. */
export interface RoutePart {
  /** Construct id of the nested stack: `MasterDataRoutes`, then `MasterDataRoutes2`, … */
  id: string;
  capability: string;
  routes: RouteDeclaration[];
}

/**
 * The API's routes as nested stacks: one per capability, unless its handlers outgrow the budget.
 * A handler's routes stay together (they share its function and integration), in the capability
 * that declares the handler first: one function per handler module, as one alarm per function
 * expects. Handlers fill the parts in declaration order, so a handler added at the end of a
 * capability never moves another one. Moving a route between nested stacks in one deployment
 * fails: API Gateway refuses the same route key twice, and the old stack deletes its copy only
 * after the new one is created.
 */
export function routeParts(capabilities: readonly CapabilityDeclaration[]): RoutePart[] {
  const owner = new Map<string, string>();
  const byCapability = new Map<string, Map<string, RouteDeclaration[]>>();
  for (const capability of capabilities) {
    for (const route of capability.routes ?? []) {
      const name = owner.get(route.handler) ?? capability.name;
      owner.set(route.handler, name);
      const handlers = byCapability.get(name) ?? new Map<string, RouteDeclaration[]>();
      byCapability.set(name, handlers);
      handlers.set(route.handler, [...(handlers.get(route.handler) ?? []), route]);
    }
  }
  return [...byCapability].flatMap(([capability, handlers]) => split(capability, [...handlers.values()]));
}

/** A capability's handlers (each with its routes) in parts of at most the budget. */
function split(capability: string, handlers: RouteDeclaration[][]): RoutePart[] {
  const parts: RouteDeclaration[][] = [];
  let cost = 0;
  for (const routes of handlers) {
    const handlerCost = routes.length + RESOURCES_PER_HANDLER;
    if (!parts.length || cost + handlerCost > ROUTE_STACK_BUDGET) {
      parts.push([]);
      cost = 0;
    }
    parts.at(-1)!.push(...routes);
    cost += handlerCost;
  }
  const base = `${pascal(capability)}Routes`;
  return parts.map((routes, i) => ({ id: i ? `${base}${i + 1}` : base, capability, routes }));
}
