import { z } from "zod";
import type { Role, TenantKind } from "../tenant/schema.ts";
import type { RouteErrors } from "./errors.ts";

/**
 * The HTTP contract of MedLoop, as data: what each route is (method, path, who may call it, the
 * zod schemas of what goes in and comes out, the error codes it may answer) without any handler.
 * Routes are grouped by resource — the routes one Lambda function serves — and resources by
 * capability. The CDK app, the local runtime, the OpenAPI document and the portal's client all read
 * these; `functions/` attaches one handler per route (`implement`), checked by the compiler.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Where a route exists; omitted, in both. `local` marks the local stand-in for a managed AWS
 * service (the password login stands in for Cognito's managed login).
 */
export type Runtime = "local" | "cloud";

/**
 * AWS IoT access a route's function needs besides the table: sending to gateways (configuration,
 * replay requests) or provisioning them (things, certificates). The CDK app grants exactly these.
 */
export type IotAccess = "publish-to-gateways" | "provision-gateways";

export interface RouteContract {
  method: HttpMethod;
  /** API Gateway style path: `/v1/users/{userId}`. */
  path: string;
  summary: string;
  /** Roles allowed to call it; `"public"` means no token is needed (login). */
  roles: readonly Role[] | "public";
  /**
   * Tenant kinds that may call it at all (default: every kind). Role names repeat across kinds — a
   * hospital also has an "admin" — so a manufacturer-only route says so here.
   */
  kinds?: readonly TenantKind[];
  request?: { body?: z.ZodType; query?: z.ZodType; params?: z.ZodType };
  /** Schema of a 2xx response body. */
  response: z.ZodType;
  /** Status of a success (201 for creates). */
  status?: number;
  /** The codes of its own rules it may answer, by status (the HTTP stack's are added: errors.ts). */
  errors?: RouteErrors;
  /** Accepts an `Idempotency-Key` header: a retry returns the first answer. */
  idempotent?: boolean;
  /** Reads or changes records classified as sensitive: every call is audited (SEC-6). */
  sensitive?: boolean;
  runsOn?: Runtime;
  /** Reads and writes objects of the documents bucket (`DOCUMENTS_BUCKET`): certificate scans. */
  documents?: boolean;
  /** Reads the audit anchors' Object Lock bucket (verifying the chain against the latest anchor). */
  anchors?: "read";
  /** Takes an electronic signature: its function re-checks the signer's password. */
  signs?: boolean;
  iot?: readonly IotAccess[];
}

/** The routes one function serves, by operation name. */
export type ResourceContracts = { readonly [operation: string]: RouteContract };

export interface CapabilityContracts {
  name: string;
  /** SPEC ids this capability implements. */
  spec: readonly string[];
  /** Resource names are unique across capabilities: each names its function (`http/<resource>`). */
  resources: { readonly [resource: string]: ResourceContracts };
}

export const route = <const R extends RouteContract>(r: R): R => r;
export const capability = <const C extends CapabilityContracts>(c: C): C => c;

/** Every error answer of the API: a stable machine-readable `code` and a message for people. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    correlationId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
export type { FieldIssue } from "../errors/index.ts";

/** What a route's parts are once parsed (`z.output`), or `undefined` where it declares none. */
type Out<T> = T extends z.ZodType ? z.output<T> : undefined;
type In<T> = T extends z.ZodType ? z.input<T> : undefined;
export type ParsedRequest<R extends RouteContract> = {
  body: Out<NonNullable<R["request"]>["body"]>;
  params: Out<NonNullable<R["request"]>["params"]>;
  query: Out<NonNullable<R["request"]>["query"]>;
};
/**
 * What a caller sends: the path parameters and body the route declares, and its query (optional
 * as a whole: a query schema says which of its fields are required). A body is a draft — the
 * route's fields by name, as a form typed them — because the API is its validator: a renamed or
 * removed field is a compile error, a wrong value a typed 400.
 */
export type RequestInput<R extends RouteContract> = PartIf<R, "params", In<Part<R, "params">>> &
  PartIf<R, "body", Draft<In<Part<R, "body">>>> & { query?: In<Part<R, "query">> };
type Part<R extends RouteContract, K extends "params" | "body" | "query"> = NonNullable<R["request"]>[K];
type PartIf<R extends RouteContract, K extends "params" | "body", T> =
  Part<R, K> extends z.ZodType ? { [P in K]: T } : { [P in K]?: never };
type Draft<T> = T extends string
  ? string
  : T extends number
    ? number | undefined
    : T extends boolean
      ? boolean
      : T extends readonly (infer E)[]
        ? Draft<E>[]
        : T extends object
          ? { [K in keyof T]?: Draft<T[K]> }
          : T;
export type ResponseOf<R extends RouteContract> = z.output<R["response"]>;

/** `/v1/users/{userId}` with `{ userId: "a/b" }` → `/v1/users/a%2Fb`. */
export function pathWith(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === "") throw new Error(`${path} needs the parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
