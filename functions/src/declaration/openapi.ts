import { declaredErrors } from "@medloop/shared/contracts/errors";
import { ErrorBody } from "@medloop/shared/contracts/route";
import { z } from "zod";
import type { CapabilityDeclaration, RouteDeclaration } from "./types.ts";

/**
 * The OpenAPI 3.1 document, built from the same declaration as the CDK routes and the local
 * gateway (INT-1). JSON Schema 2020-12 is OpenAPI 3.1's schema dialect, which zod emits directly.
 */
const schema = (s: z.ZodType, io: "input" | "output") => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

const ERROR_STATUS: Record<string, string> = {
  "400": "Invalid input (field-level issues)",
  "401": "No valid token",
  "403": "Role not allowed",
  "404": "Not found (or not yours)",
  "409": "Conflict with the current state",
  "415": "The body is not sent as application/json",
  "422": "Valid input that breaks a business rule",
};

/**
 * An operation's id, unique because its method and path are: `GET /v1/users/{userId}` is
 * `getUsersByUserId`. Client generators name their methods by it, so it must never repeat (several
 * routes share one handler, which is why the handler cannot name them).
 */
export const operationId = (route: Pick<RouteDeclaration, "method" | "path">) =>
  [
    route.method.toLowerCase(),
    ...route.path
      .replace(/^\/v\d+\//, "")
      .split(/[/-]/)
      .filter(Boolean)
      .map((part) => {
        const param = /^\{(\w+)\}$/.exec(part)?.[1];
        const word = param ? `By${param[0]!.toUpperCase()}${param.slice(1)}` : part;
        return word[0]!.toUpperCase() + word.slice(1);
      }),
  ].join("");

const errorSchema = (codes: string[]) => {
  const body = schema(ErrorBody, "output") as { properties: { error: { properties: Record<string, unknown> } } };
  body.properties.error.properties.code = { type: "string", enum: codes };
  return body;
};

function operation(capability: CapabilityDeclaration, route: RouteDeclaration) {
  const parameters: unknown[] = [];
  for (const [where, s] of [
    ["path", route.request?.params],
    ["query", route.request?.query],
  ] as const) {
    if (!s) continue;
    const json = schema(s, "input") as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      parameters.push({ name, in: where, required: where === "path" || !!json.required?.includes(name), schema: prop });
    }
  }
  if (route.idempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Send the same key when retrying: the first answer is returned and nothing new is written",
      schema: { type: "string", pattern: "^[\\w-]{8,128}$" },
    });
  }
  // Each status the route may answer, with the codes it may carry: what a client switches on.
  const errors = Object.fromEntries(
    Object.entries(declaredErrors(route)).map(([status, codes]) => [
      status,
      {
        description: `${ERROR_STATUS[status]}: ${codes.join(", ")}`,
        content: { "application/json": { schema: errorSchema(codes) } },
      },
    ]),
  );
  return {
    operationId: operationId(route),
    summary: route.summary,
    tags: [capability.name],
    "x-roles": route.roles,
    ...(route.kinds ? { "x-tenant-kinds": route.kinds } : {}),
    "x-spec": capability.spec,
    security: route.roles === "public" ? [] : [{ bearer: [] }],
    parameters,
    ...(route.request?.body && {
      requestBody: { required: true, content: { "application/json": { schema: schema(route.request.body, "input") } } },
    }),
    responses: {
      [String(route.status ?? 200)]: {
        description: "Success",
        content: { "application/json": { schema: schema(route.response, "output") } },
      },
      ...errors,
    },
  };
}

export function openApiDocument(capabilities: readonly CapabilityDeclaration[], serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const capability of capabilities) {
    for (const route of capability.routes ?? []) {
      paths[route.path] ??= {};
      paths[route.path]![route.method.toLowerCase()] = operation(capability, route);
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "MedLoop API",
      version: "1.0.0",
      description: "Multi-tenant ERP for the medical-device value chain. Every route is tenant-scoped by the token.",
      license: { name: "Proprietary", identifier: "LicenseRef-MedLoop-Proprietary" },
    },
    ...(serverUrl && { servers: [{ url: serverUrl }] }),
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
    paths,
  };
}
