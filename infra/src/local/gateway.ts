import { randomUUID } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { CapabilityDeclaration, RouteDeclaration } from "@medloop/functions/declaration/types";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { JWTPayload } from "jose";
import { invoke } from "./handlers.ts";
import { IDLE_CONNECTION_MS } from "./ports.ts";
import { readBody } from "./read-body.ts";

/**
 * The local HTTP API: turns requests into API Gateway HTTP API (payload v2) events for the
 * declared routes and applies the same JWT check the cloud authoriser does before a handler runs:
 * no or bad token on a protected route → 401 `{"message":"Unauthorized"}` and the handler never runs.
 */
export type LocalRoute = (url: URL, headers: IncomingHttpHeaders) => Promise<{ status: number; body: unknown }>;

export interface GatewayOptions {
  capabilities: readonly CapabilityDeclaration[];
  /** A token it has verified before may be answered at once (see keys.ts); a new one is checked asynchronously. */
  verifyToken: (token: string) => JWTPayload | Promise<JWTPayload>;
  /** Routes of the local platform itself (openapi.json, jwks, dead letters) by `METHOD /path`, answered before the declared ones. */
  localRoutes?: ReadonlyMap<string, LocalRoute>;
  log?: (line: Record<string, unknown>) => void;
}

interface CompiledRoute {
  route: RouteDeclaration;
  regex: RegExp;
  names: string[];
  /** Static segments count: API Gateway prefers the most specific route. */
  specificity: number;
}

const MAX_BODY = 10 * 1024 * 1024; // API Gateway's payload limit
const TOO_LARGE = {
  message: `Request Too Large: a request body may have at most ${MAX_BODY} bytes (10 MiB, API Gateway's limit)`,
};
const declaredLength = (req: IncomingMessage) => Number(req.headers["content-length"] ?? 0);

/**
 * The declared routes: those without parameters by `METHOD /path` (an exact match is always the most
 * specific), the others by method, most specific first, tried in turn against the method's routes only.
 */
export interface CompiledRoutes {
  exact: Map<string, RouteDeclaration>;
  parameterised: Map<string, CompiledRoute[]>;
}

export function compileRoutes(capabilities: readonly CapabilityDeclaration[]): CompiledRoutes {
  const compiled: CompiledRoute[] = [];
  const exact = new Map<string, RouteDeclaration>();
  for (const c of capabilities) {
    for (const route of c.routes ?? []) {
      const names: string[] = [];
      const segments = route.path.split("/").filter(Boolean);
      const pattern = segments
        .map((seg) => {
          const m = /^\{(\w+)(\+)?\}$/.exec(seg);
          if (!m) return `/${seg.replace(/[.*+?^$()|[\]\\]/g, "\\$&")}`;
          names.push(m[1]!);
          return m[2] ? "/(.+)" : "/([^/]+)";
        })
        .join("");
      if (!names.length) {
        exact.set(`${route.method} /${segments.join("/")}`, route);
        continue;
      }
      compiled.push({
        route,
        regex: new RegExp(`^${pattern || "/"}$`),
        names,
        specificity: segments.filter((s) => !s.startsWith("{")).length,
      });
    }
  }
  const parameterised = new Map<string, CompiledRoute[]>();
  for (const r of compiled.sort((a, b) => b.specificity - a.specificity)) {
    parameterised.set(r.route.method, [...(parameterised.get(r.route.method) ?? []), r]);
  }
  return { exact, parameterised };
}

/** HTTP API answers 404 both for an unknown path and for a known path with another method: both are `undefined` here. */
export function matchRoute(routes: CompiledRoutes, method: string, path: string) {
  const route = routes.exact.get(`${method} ${path}`);
  if (route) return { route, params: {} };
  for (const r of routes.parameterised.get(method) ?? []) {
    const m = r.regex.exec(path);
    if (!m) continue;
    const params = Object.fromEntries(r.names.map((n, i) => [n, decodedOrRaw(m[i + 1]!)]));
    return { route: r.route, params };
  }
  return undefined;
}

/**
 * A path parameter percent-decoded, or as sent when it is not valid percent-encoded UTF-8
 * (`%FF%FE`): API Gateway passes such a segment on too, and the route's parameter schema refuses
 * it with a typed 400 after the token check, rather than the gateway failing on it.
 */
function decodedOrRaw(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** API Gateway hands claims to the Lambda as strings; arrays become "[a b]". */
function stringifyClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(" ")}]` : String(v)]),
  );
}

/** HTTP/1.1 says a request has a body only with a Content-Length or a Transfer-Encoding (RFC 9112 §6.3). */
const hasBody = (req: IncomingMessage) =>
  req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

export type Gateway = Server & {
  /**
   * Stops the way a load balancer drains a target: no new connection or request is taken (a request
   * that arrives meanwhile is answered 503 and not handled), every request already inside a handler
   * finishes and gets its answer, with `connection: close`; then the connections close. A client
   * that keeps one open past `graceMs` is cut off. The platform stops the table only after this.
   */
  shutdown(graceMs?: number): Promise<void>;
};

export function createGateway(opts: GatewayOptions): Gateway {
  const routes = compileRoutes(opts.capabilities);
  const log = opts.log ?? (() => undefined);
  // A client sends the same token many times; its claims are checked once and shaped once.
  const claimsOf = new WeakMap<JWTPayload, Record<string, string>>();
  /** Requests inside a handler, with the response each will answer on. */
  const inFlight = new Map<Promise<void>, ServerResponse>();
  let stopping = false;

  const server = createServer((req, res) => {
    if (declaredLength(req) > MAX_BODY) {
      // Refused unread. The body is drained first, so a client still sending reads the answer
      // instead of a reset; one announcing more than four times the limit is answered at once.
      res.shouldKeepAlive = false;
      if (declaredLength(req) > 4 * MAX_BODY) return send(res, 413, TOO_LARGE);
      req.on("end", () => send(res, 413, TOO_LARGE)).resume();
      return;
    }
    if (stopping) {
      res.shouldKeepAlive = false;
      return send(res, 503, { message: "Service Unavailable: the platform is stopping" }, { "retry-after": "5" });
    }
    const handling = handle(req, res).finally(() => inFlight.delete(handling));
    inFlight.set(handling, res);
  });
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  // A client that asks before sending (`Expect: 100-continue`) learns of an oversized body at once.
  server.on("checkContinue", (req, res) => {
    if (declaredLength(req) > MAX_BODY) {
      res.shouldKeepAlive = false;
      return send(res, 413, TOO_LARGE);
    }
    res.writeContinue();
    server.emit("request", req, res);
  });
  return Object.assign(server, {
    shutdown: async (graceMs = 5_000) => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Their answers close their connections, so nothing new comes in on them.
      for (const res of inFlight.values()) res.shouldKeepAlive = false;
      while (inFlight.size) await Promise.allSettled([...inFlight.keys()]);
      server.closeIdleConnections();
      const cutOff = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(cutOff);
    },
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = (req.method ?? "GET").toUpperCase();
    try {
      const local = opts.localRoutes?.get(`${method} ${url.pathname}`);
      if (local) {
        const answer = await local(url, req.headers);
        return send(res, answer.status, answer.body);
      }

      const match = matchRoute(routes, method, url.pathname);
      if (!match) return send(res, 404, { message: "Not Found" });

      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(",") : v;
      }

      let claims: Record<string, string> | undefined;
      if (match.route.roles !== "public") {
        const token = /^Bearer (.+)$/i.exec(headers.authorization ?? "")?.[1];
        if (!token) return send(res, 401, { message: "Unauthorized" }, { "www-authenticate": "Bearer" });
        try {
          const verified = opts.verifyToken(token);
          const payload = verified instanceof Promise ? await verified : verified;
          claims = claimsOf.get(payload) ?? stringifyClaims(payload);
          claimsOf.set(payload, claims);
        } catch {
          return send(res, 401, { message: "Unauthorized" }, { "www-authenticate": 'Bearer error="invalid_token"' });
        }
      }

      const body = hasBody(req)
        ? await readBody(req, MAX_BODY, () => Object.assign(new Error("payload too large"), { status: 413 }))
        : undefined;
      const now = new Date();
      const routeKey = `${match.route.method} ${match.route.path}`;
      const query = Object.fromEntries(url.searchParams);
      const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
        version: "2.0",
        routeKey,
        rawPath: url.pathname,
        rawQueryString: url.searchParams.toString(),
        headers,
        queryStringParameters: Object.keys(query).length ? query : undefined,
        pathParameters: Object.keys(match.params).length ? match.params : undefined,
        body: body?.length ? body.toString("utf8") : undefined,
        isBase64Encoded: false,
        requestContext: {
          accountId: "000000000000",
          apiId: "local",
          domainName: headers.host ?? "localhost",
          domainPrefix: "local",
          http: {
            method,
            path: url.pathname,
            protocol: `HTTP/${req.httpVersion}`,
            sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
            userAgent: headers["user-agent"] ?? "",
          },
          requestId: randomUUID(),
          routeKey,
          stage: "$default",
          time: now.toISOString(),
          timeEpoch: now.getTime(),
          authorizer: { principalId: "", integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
        },
      };
      if (!claims) (event.requestContext as { authorizer?: unknown }).authorizer = undefined;

      const result = (await invoke(match.route.handler, event)) as APIGatewayProxyStructuredResultV2 | string | object;
      // Payload v2: an object without statusCode is sent as a 200 JSON body, as API Gateway does.
      if (typeof result === "object" && result !== null && "statusCode" in result) {
        const r = result as APIGatewayProxyStructuredResultV2;
        const bodyOut = r.isBase64Encoded && r.body ? Buffer.from(r.body, "base64") : (r.body ?? "");
        res.writeHead(r.statusCode ?? 200, (r.headers ?? {}) as Record<string, string>);
        res.end(bodyOut);
      } else {
        send(res, 200, result);
      }
      log({ msg: "request", method, path: url.pathname, ms: Math.round(performance.now() - started) });
    } catch (e) {
      const status = (e as { status?: number }).status ?? 500;
      log({ msg: "gateway error", method, path: url.pathname, error: String(e) });
      if (!res.headersSent) send(res, status, status === 413 ? TOO_LARGE : { message: "Internal Server Error" });
    }
  }
}
