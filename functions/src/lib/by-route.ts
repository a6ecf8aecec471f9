import { notFound } from "@medloop/shared";
import type { Context } from "aws-lambda";
import type { RouteDeclaration } from "../declaration/types.ts";
import type { HttpEvent, HttpResult } from "./http.ts";
import { errorResponse } from "./http-errors.ts";

export type Handler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * One Lambda for the routes of one resource: it hands each request to the route's own handler
 * (`withHttp`, unchanged) by the route key API Gateway puts on the event. Why: one function per
 * route costs seven CloudFormation resources, and a stack holds at most 500 — master data alone
 * has 64 routes. Routes of one resource need the same permissions, so nothing is widened.
 */
export function byRoute(entries: [RouteDeclaration, Handler][]): Handler {
  const table = new Map(entries.map(([route, handler]) => [`${route.method} ${route.path}`, handler]));
  return async (event, context) => {
    const handler = table.get(event.routeKey);
    if (!handler) return errorResponse(notFound("route-not-found", `This function does not serve ${event.routeKey}`));
    return handler(event, context);
  };
}
