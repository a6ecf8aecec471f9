import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import {
  type Actor,
  Audit,
  DomainError,
  forbidden,
  hashRequest,
  type RequestScope,
  type Role,
  unauthorized,
  validation,
  withScope,
} from "@medloop/shared";
import type { ParsedRequest, RouteContract } from "@medloop/shared/contracts/route";
import { cleanStrings, markedFields } from "@medloop/shared/util/text";
import middy from "@middy/core";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type { z } from "zod";
import { claimsToActor } from "./claims.ts";
import { heldToContract } from "./contract-errors.ts";
import { errorResponse, json, zodIssues } from "./http-errors.ts";
import { logger } from "./logger.ts";
import { useTenantScopedCredentials } from "./tenant-credentials.ts";

useTenantScopedCredentials();

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number };

function parsePart<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string) {
  if (!schema) return undefined;
  // Every string the request brings, whatever its field, passes the text rule (util/text.ts) before
  // the schema sees it: refused before anything is read or written, stored in NFC.
  const text = cleanStrings(value, markedFields(schema));
  if (!text.ok) {
    const issues = text.issues.map((i) => ({ path: [where, ...i.path].join("."), message: i.message }));
    throw validation("invalid-input", `The ${where} is not valid`, issues);
  }
  const result = schema.safeParse(text.value);
  if (!result.success) throw validation("invalid-input", `The ${where} is not valid`, zodIssues(result.error, where));
  return result.data;
}

/** `application/json`, or a `+json` type such as `application/merge-patch+json`, with any parameters. */
const isJson = (contentType: string | undefined) =>
  /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType?.trim() ?? "");

function readBody(event: HttpEvent): unknown {
  if (!event.body) return undefined;
  // A body in another type (text/plain, a form) is refused, not guessed at: what it means is the sender's word.
  if (!isJson(event.headers?.["content-type"])) {
    throw new DomainError(
      "unsupported-media-type",
      "unsupported-media-type",
      "Send the request body as application/json (Content-Type: application/json)",
    );
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw validation("invalid-json", "The request body is not valid JSON");
  }
}

/**
 * The one HTTP handler stack, applied in a fixed order:
 * correlation id + logger → error mapping → authorisation (tenant, role) → JSON + zod parsing →
 * idempotency key → the domain call inside the ambient tenant scope → response shaped by its schema.
 */
type RequestOf<R extends RouteContract> = ParsedRequest<R> & { event: APIGatewayProxyEventV2WithJWTAuthorizer };

export function withHttp<R extends RouteContract, T>(route: R, fn: (req: RequestOf<R>) => Promise<T>) {
  const handle = async (event: HttpEvent, correlationId: string, actor: Actor | undefined): Promise<HttpResult> => {
    if (route.roles !== "public") {
      if (!actor) throw unauthenticated();
      if (actor.type === "user" && route.kinds && !route.kinds.includes(actor.tenantKind)) {
        throw forbidden("tenant-kind-not-allowed", `Only a ${route.kinds.join(" or ")} organisation can use this`);
      }
      if (actor.type === "user" && !actor.roles.some((r) => (route.roles as readonly Role[]).includes(r))) {
        throw forbiddenRole(route.roles as readonly Role[]);
      }
    }
    const body = parsePart(route.request?.body, readBody(event), "body");
    const params = parsePart(route.request?.params, event.pathParameters ?? {}, "path");
    const query = parsePart(route.request?.query, event.queryStringParameters ?? {}, "query");
    const scope: RequestScope = {
      actor: actor ?? { type: "system", tenantId: "_anonymous", name: "anonymous" },
      correlationId,
      reason:
        typeof (body as { reason?: unknown })?.reason === "string" ? (body as { reason: string }).reason : undefined,
    };
    const key = event.headers?.["idempotency-key"];
    if (route.idempotent && key) {
      if (!/^[\w-]{8,128}$/.test(key)) {
        throw validation("invalid-idempotency-key", "Idempotency-Key must be 8 to 128 letters, digits, - or _");
      }
      scope.idempotency = { key, requestHash: hashRequest({ route: route.path, params, body }) };
    }
    const result = await withScope(scope, () => fn({ body, params, query, event } as RequestOf<R>));
    return json(route.status ?? 200, route.response.parse(result), { "x-correlation-id": correlationId });
  };

  const core = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const correlationId = correlationOf(event, context);
    logger.appendKeys({ correlationId, route: `${route.method} ${route.path}` });
    const actor = claimsToActor(event.requestContext?.authorizer?.jwt?.claims);
    try {
      const response = await handle(event, correlationId, actor).catch((error: unknown) => {
        const r = heldToContract(route, error, errorResponse(error, correlationId));
        if (r.statusCode >= 500) logger.error("request failed", { error: error as Error });
        else logger.info("request rejected", { status: r.statusCode, error: (error as Error).message });
        return r;
      });
      // SEC-6: every access to a sensitive route is on record, refused ones too. Fail closed:
      // sensitive data leaves only once its access is recorded.
      if (route.sensitive && actor && response.statusCode < 500) {
        const access = {
          route: `${route.method} ${route.path}`,
          target: JSON.stringify(event.pathParameters ?? {}).slice(0, 500),
          status: response.statusCode,
        };
        try {
          await withScope({ actor, correlationId }, () => Audit.recordAccess(access));
        } catch (error) {
          logger.error("could not record an access to a sensitive route", { error: error as Error });
          if (response.statusCode < 300) return errorResponse(error, correlationId);
        }
      }
      return response;
    } finally {
      logger.removeKeys(["correlationId", "route"]);
    }
  };
  return middy(core).use(injectLambdaContext(logger));
}

function correlationOf(event: HttpEvent, context: Context): string {
  const header = event.headers?.["x-correlation-id"];
  if (header && /^[\w-]{1,100}$/.test(header)) return header;
  return event.requestContext?.requestId ?? context?.awsRequestId ?? crypto.randomUUID();
}

const unauthenticated = () => unauthorized("missing-token", "Sign in first: no valid token was sent");
const forbiddenRole = (roles: readonly Role[]) =>
  forbidden("role-not-allowed", `This needs one of the roles: ${roles.join(", ")}`);
