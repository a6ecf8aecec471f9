import "server-only";
import { type Contracts, contracts, ErrorBody, type FieldIssue, pathWith } from "@medloop/shared/contracts/index";
import type { RequestInput, ResponseOf, RouteContract } from "@medloop/shared/contracts/route";
import { redirect } from "next/navigation";
import { z } from "zod";
import { auth } from "@/auth";
import { env } from "@/env";
import { OpenApiDocument } from "./schemas";

/**
 * The portal's API client, derived from the route contracts (shared/src/contracts): one call per
 * route, `api.<capability>.<resource>.<operation>(input)`, its path, parameters, body and answer
 * typed by the contract. No path of the API is written here or in any page. Every answer —
 * success or error — is parsed with zod before anyone sees it.
 */

const GatewayBody = z.object({ message: z.string() });

/** An answer of the API that is not a success, with the API's stable `code` (see i18n `errors`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly correlationId?: string,
    /** Machine-readable particulars of the refusal (e.g. the row report of a refused import). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** What a call takes besides the route's own parts: the retry key of a create a user may resubmit. */
interface CallOptions {
  /** One per form submission: a retried submission is answered once, the same way. */
  idempotencyKey?: string;
}
export type CallInput<R extends RouteContract> = RequestInput<R> & CallOptions;
type Call<R extends RouteContract> =
  Partial<RequestInput<R>> extends RequestInput<R>
    ? (input?: CallInput<R>) => Promise<ResponseOf<R>>
    : (input: CallInput<R>) => Promise<ResponseOf<R>>;
export type Client = {
  [C in keyof Contracts]: {
    [Res in keyof Contracts[C]["resources"]]: {
      [Op in keyof Contracts[C]["resources"][Res]]: Contracts[C]["resources"][Res][Op] extends RouteContract
        ? Call<Contracts[C]["resources"][Res][Op]>
        : never;
    };
  };
};

const queryString = (query: Record<string, unknown> | undefined) => {
  const entries = Object.entries(query ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]));
  return entries.length ? `?${new URLSearchParams(entries)}` : "";
};

/** One request to one route; `token` is the caller's, when the route is not public. */
async function request<R extends RouteContract>(
  route: R,
  input: CallInput<R> = {} as CallInput<R>,
  token?: string,
): Promise<ResponseOf<R>> {
  const { params, query, body, idempotencyKey } = input as CallOptions & {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    body?: unknown;
  };
  const path = `${pathWith(route.path, params)}${queryString(query)}`;
  const url = `${env().MEDLOOP_API_URL}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: route.method,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    throw new ApiError(503, "api-unavailable", `The MedLoop API at ${url} cannot be reached: ${(e as Error).message}`);
  }
  return answer(res, path, route.response) as Promise<ResponseOf<R>>;
}

async function answer(res: Response, path: string, schema: z.ZodType): Promise<unknown> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(
      res.status,
      "unexpected-response",
      `${path} answered HTTP ${res.status} with a body that is not JSON`,
    );
  }
  if (!res.ok) {
    const body = ErrorBody.safeParse(json);
    if (body.success) {
      const { code, message, issues, correlationId, details } = body.data.error;
      throw new ApiError(res.status, code, message, issues, correlationId, details);
    }
    // The gateway itself (like API Gateway) answers a bad token or an unknown route with `{message}` only.
    const message = GatewayBody.safeParse(json).data?.message ?? `HTTP ${res.status}`;
    const code =
      res.status === 401 ? "session-expired" : res.status === 404 ? "route-not-found" : "unexpected-response";
    throw new ApiError(res.status, code, `${path} answered ${message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      502,
      "unexpected-response",
      `${path} answered an unexpected shape:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** Every contract as a call, made by `send` (which attaches the caller's token, if any). */
function clientOf(send: (route: RouteContract, input?: CallInput<RouteContract>) => Promise<unknown>): Client {
  const byCapability = Object.entries(contracts).map(([capability, { resources }]) => [
    capability,
    Object.fromEntries(
      Object.entries(resources).map(([resource, routes]) => [
        resource,
        Object.fromEntries(
          Object.entries(routes as Record<string, RouteContract>).map(([op, route]) => [
            op,
            (input?: CallInput<RouteContract>) => send(route, input),
          ]),
        ),
      ]),
    ),
  ]);
  return Object.fromEntries(byCapability) as Client;
}

/**
 * Calls as the signed-in user: their token is attached here and nowhere else. A 401 means the
 * token is no longer accepted, so the user is sent to sign in again.
 */
export const api: Client = clientOf(async (route, input) => {
  const session = await auth();
  if (!session) redirect("/login?reason=expired");
  try {
    return await request(route, input, session.apiToken);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) redirect("/login?reason=expired");
    throw e;
  }
});

/**
 * Calls before a session exists: the sign-in itself, the principal behind a token just received,
 * and the API reference, which the platform serves beside the routes (it is not a route itself).
 */
export const publicApi = {
  openapi: () =>
    request({ method: "GET", path: "/openapi.json", response: OpenApiDocument, summary: "", roles: "public" }),
  login: (body: RequestInput<typeof contracts.auth.resources.auth.login>["body"]) =>
    request(contracts.auth.resources.auth.login, { body }),
  me: (token: string) => request(contracts.auth.resources.auth.me, {}, token),
};
