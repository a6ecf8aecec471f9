import { notFound } from "@medloop/shared";
import type { ParsedRequest, ResourceContracts, RouteContract } from "@medloop/shared/contracts/route";
import type { Context } from "aws-lambda";
import { type HttpEvent, type HttpResult, withHttp } from "./http.ts";
import { errorResponse } from "./http-errors.ts";

export type Handler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** What one operation does with its parsed request; the answer is shaped by the route's response schema. */
export type Operation<R extends RouteContract> = (req: ParsedRequest<R> & { event: HttpEvent }) => Promise<unknown>;

/** One operation per route of the resource: a missing or an extra one is a compile error. */
export type Operations<C extends ResourceContracts> = { [K in keyof C]: Operation<C[K]> };

/** A resource's function, carrying the contracts it serves (the declaration test checks them). */
export type ResourceHandler<C extends ResourceContracts> = Handler & { readonly contracts: C };

/**
 * The one Lambda function of a resource: each route's operation behind the HTTP stack (`withHttp`),
 * chosen by the route key API Gateway puts on the event. Why one function per resource: one
 * function per route costs seven CloudFormation resources, and routes of one resource need the
 * same permissions, so nothing is widened.
 */
export function implement<const C extends ResourceContracts>(
  contracts: C,
  operations: Operations<C>,
): ResourceHandler<C> {
  const table = new Map<string, Handler>(
    Object.entries(contracts).map(([name, route]) => [
      `${route.method} ${route.path}`,
      withHttp(route, operations[name as keyof C] as Operation<RouteContract>),
    ]),
  );
  const handler: Handler = async (event, context) => {
    const serve = table.get(event.routeKey);
    if (!serve) return errorResponse(notFound("route-not-found", `This function does not serve ${event.routeKey}`));
    return serve(event, context);
  };
  return Object.assign(handler, { contracts });
}
