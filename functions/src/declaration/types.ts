import type { Role, TenantKind } from "@medloop/shared";
import type { z } from "zod";

/**
 * The one declaration of what each capability exposes. The CDK app (infra/src/cloud), the local
 * runtime (infra/src/local) and the OpenAPI document are all built from these plain objects, so
 * the cloud and the laptop cannot drift. A handler is named by its module path under
 * `functions/src/` (e.g. `http/users/create`); that module exports `handler`.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Where a declared item exists; omitted, it exists in both. `local` marks the local stand-in for a
 * managed AWS service (the password login stands in for Cognito's managed login); `cloud` marks an
 * item that talks to an AWS service with no local engine (keeping the Cognito directory in step).
 */
export type Runtime = "local" | "cloud";

/**
 * AWS IoT access a handler needs besides the table: sending to gateways (configuration, replay
 * requests) or provisioning them (things, certificates). The CDK app grants exactly these.
 */
export type IotAccess = "publish-to-gateways" | "provision-gateways";

export interface RouteDeclaration {
  method: HttpMethod;
  /** API Gateway style path: `/v1/users/{userId}`. */
  path: string;
  handler: string;
  summary: string;
  /** Roles allowed to call it; `"public"` means no token is needed (login, health). */
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
  /** Accepts an `Idempotency-Key` header: a retry returns the first answer. */
  idempotent?: boolean;
  /** Reads or changes records classified as sensitive: every call is audited (SEC-6). */
  sensitive?: boolean;
  runsOn?: Runtime;
  /** Reads and writes objects of the documents bucket (`DOCUMENTS_BUCKET`): certificate scans. */
  documents?: boolean;
  /**
   * Takes an electronic signature (`Signatures.sign`): its handler calls `configureSigning()`, and
   * in AWS gets the signing client of the user pool to re-check the signer's password.
   */
  signs?: boolean;
  iot?: readonly IotAccess[];
}

export interface SubscriptionDeclaration {
  name: string;
  handler: string;
  /** EventBridge pattern; build it with `patternFor(SomeEvent)`, never retype a detail-type. */
  pattern: Record<string, unknown>;
  description: string;
  runsOn?: Runtime;
  /** AWS resources beyond the table and the bus the handler uses; the CDK grants them and passes their ids. */
  needs?: readonly "user-directory"[];
}

export interface StreamConsumerDeclaration {
  name: string;
  handler: string;
  /** Which stream records it wants: `outbox` items only, or every domain change. */
  filter: "outbox" | "changes";
  description: string;
  /** In AWS the outbox relay runs as an EventBridge Pipe enrichment; others as event source mappings. */
  mode: "pipe-enrichment" | "event-source";
}

export interface ScheduleDeclaration {
  name: string;
  handler: string;
  /** EventBridge Scheduler expression: `rate(1 day)` or `cron(0 2 * * ? *)`. */
  expression: string;
  description: string;
}

export interface TopicRuleDeclaration {
  name: string;
  handler: string;
  /** IoT SQL: `SELECT * FROM 'medloop/+/+/telemetry'`. */
  sql: string;
  /** MQTT filter the rule listens on (what the local broker routes to the handler). */
  topicFilter: string;
  description: string;
  iot?: readonly IotAccess[];
}

export interface CapabilityDeclaration {
  name: string;
  /** SPEC ids this capability implements. */
  spec: readonly string[];
  routes?: readonly RouteDeclaration[];
  subscriptions?: readonly SubscriptionDeclaration[];
  streams?: readonly StreamConsumerDeclaration[];
  schedules?: readonly ScheduleDeclaration[];
  topicRules?: readonly TopicRuleDeclaration[];
}

/** The declaration as one runtime builds it: items marked for the other runtime are left out. */
export function forRuntime(capabilities: readonly CapabilityDeclaration[], runtime: Runtime): CapabilityDeclaration[] {
  const here = <T extends { runsOn?: Runtime }>(items: readonly T[] | undefined) =>
    items?.filter((i) => !i.runsOn || i.runsOn === runtime);
  return capabilities.map((c) => ({ ...c, routes: here(c.routes), subscriptions: here(c.subscriptions) }));
}

export const defineCapability = <C extends CapabilityDeclaration>(c: C): C => c;
export const route = <R extends RouteDeclaration>(r: R): R => r;
