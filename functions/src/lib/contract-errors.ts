import { appendFileSync } from "node:fs";
import { isDeclared } from "@medloop/shared/contracts/errors";
import type { RouteContract } from "@medloop/shared/contracts/route";
import type { HttpResult } from "./http.ts";
import { errorCodeOf, json } from "./http-errors.ts";
import { logger } from "./logger.ts";

/**
 * Holds error answers to the route's contract (contracts/errors.ts). Off in the cloud; the suites
 * run `strict`, where an undeclared code answers 500 so the test that reached it fails and names
 * it; `record:<file>` appends each undeclared `METHOD path status code` line to the file, which is
 * how a contract's list is first filled from what its suites reach.
 */
const mode = process.env.MEDLOOP_CONTRACT_ERRORS ?? "";

/** `response` is the answer to `error` (errorResponse). */
export function heldToContract(route: RouteContract, error: unknown, response: HttpResult): HttpResult {
  if (!mode || response.statusCode < 400 || response.statusCode >= 500) return response;
  const code = errorCodeOf(error);
  if (isDeclared(route, response.statusCode, code)) return response;
  const what = `${route.method} ${route.path} ${response.statusCode} ${code}`;
  if (mode.startsWith("record:")) {
    appendFileSync(mode.slice("record:".length), `${what}\n`);
    return response;
  }
  logger.error("an error answer its contract does not declare", { undeclared: what });
  return json(500, {
    error: { code: "undeclared-error", message: `${what}: the route's contract does not declare this answer` },
  });
}
