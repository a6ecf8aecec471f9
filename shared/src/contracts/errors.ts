import type { RouteContract } from "./route.ts";

/**
 * The error answers of a route: by HTTP status, the stable `code`s it may answer with (the portal's
 * i18n catalogue turns a code into words). A route lists the codes of its own rules; the codes the
 * HTTP stack answers for any route (a bad body, a missing token, a role not allowed) follow from
 * the contract and are added here, so no route repeats them.
 *
 * Held to by the suites: with `MEDLOOP_CONTRACT_ERRORS=strict` (every test platform) an answer with
 * a code its route does not declare becomes a 500 `undeclared-error`, so a new rule fails its test
 * until its contract says it.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 415 | 422;
export type RouteErrors = { readonly [S in ErrorStatus]?: readonly string[] };

export const ERROR_STATUSES: readonly ErrorStatus[] = [400, 401, 403, 404, 409, 415, 422];

/** What the HTTP stack (functions/src/lib/http.ts) may answer on this route before or around its rules. */
export function stackErrors(route: RouteContract): RouteErrors {
  const guarded = route.roles !== "public";
  const body = route.request?.body !== undefined;
  const codes = (...pairs: [boolean | undefined, string[]][]) => pairs.flatMap(([on, c]) => (on ? c : []));
  return {
    400: codes(
      [route.request !== undefined, ["invalid-input"]],
      [body, ["invalid-json"]],
      [route.idempotent, ["invalid-idempotency-key"]],
    ),
    401: codes([guarded, ["missing-token"]]),
    403: codes([guarded && route.kinds !== undefined, ["tenant-kind-not-allowed"]], [guarded, ["role-not-allowed"]]),
    409: codes([route.idempotent, ["idempotency-race"]]),
    415: codes([body, ["unsupported-media-type"]]),
    // A signature re-enters the signer's password (signature/): a wrong one, or too many, is refused.
    422: codes([route.idempotent, ["idempotency-key-reused"]], [route.signs, ["account-locked", "signature-invalid"]]),
  };
}

/** Every code the route may answer, by status: its own and the stack's, sorted, without repeats. */
export function declaredErrors(route: RouteContract): Partial<Record<ErrorStatus, string[]>> {
  const stack = stackErrors(route);
  const all: Partial<Record<ErrorStatus, string[]>> = {};
  for (const status of ERROR_STATUSES) {
    const codes = [...new Set([...(stack[status] ?? []), ...(route.errors?.[status] ?? [])])].sort();
    if (codes.length) all[status] = codes;
  }
  return all;
}

export const isDeclared = (route: RouteContract, status: number, code: string): boolean =>
  (declaredErrors(route)[status as ErrorStatus] ?? []).includes(code);
