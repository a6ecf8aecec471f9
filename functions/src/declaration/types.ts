import type { CapabilityContracts, IotAccess, RouteContract, Runtime } from "@medloop/shared/contracts/route";

export type { HttpMethod, IotAccess, Runtime } from "@medloop/shared/contracts/route";

/**
 * The one declaration of what each capability exposes. The CDK app (infra/src/cloud), the local
 * runtime (infra/src/local) and the OpenAPI document are all built from these plain objects, so
 * the cloud and the laptop cannot drift. HTTP routes come from the capability's contracts
 * (shared/src/contracts); everything else names its handler by its module path under
 * `functions/src/` (e.g. `subscriptions/installed-base`); that module exports `handler`.
 */

/** A route as the runtimes see it: its contract, and the function that serves it. */
export interface RouteDeclaration extends RouteContract {
  /** Derived, never written: `http/<resource in kebab case>` (functions/src/http/<resource>.ts). */
  handler: string;
  resource: string;
  operation: string;
}

export interface SubscriptionDeclaration {
  name: string;
  handler: string;
  /** EventBridge pattern; build it with `patternFor(SomeEvent)`, never retype a detail-type. */
  pattern: Record<string, unknown>;
  description: string;
  runsOn?: Runtime;
  /**
   * AWS resources beyond the table and the bus the handler uses; the CDK grants them and passes their
   * ids: the Cognito user pool, or sending mail through SES from the deployment's sender address.
   */
  needs?: readonly ("user-directory" | "mail")[];
}

export interface StreamConsumerDeclaration {
  name: string;
  handler: string;
  /** Which stream records it wants: `outbox` items only, or every domain change. */
  filter: "outbox" | "changes";
  description: string;
  /** In AWS the outbox relay runs as an EventBridge Pipe enrichment; others as event source mappings. */
  mode: "pipe-enrichment" | "event-source";
  /** Writes audit anchors to the Object Lock bucket (the CDK grants it and passes the bucket). */
  anchors?: "write";
}

export interface ScheduleDeclaration {
  name: string;
  handler: string;
  /** EventBridge Scheduler expression: `rate(1 day)` or `cron(0 2 * * ? *)`. */
  expression: string;
  description: string;
  /** Writes audit anchors to the Object Lock bucket (the CDK grants it and passes the bucket). */
  anchors?: "write";
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

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The module serving a resource's routes: `gatewayConfig` → `http/gateway-config`. */
export const handlerOf = (resource: string) => `http/${kebab(resource)}`;

/** Every route of a capability's contracts, each with the function that serves it. */
export const routesOf = (contracts: CapabilityContracts): RouteDeclaration[] =>
  Object.entries(contracts.resources).flatMap(([resource, routes]) =>
    Object.entries(routes).map(([operation, contract]) => ({
      ...contract,
      handler: handlerOf(resource),
      resource,
      operation,
    })),
  );

type Items = Omit<CapabilityDeclaration, "name" | "spec" | "routes">;

/** A capability from its HTTP contracts (name, spec and routes) and the handlers of its other items. */
export function defineCapability(
  def: ({ contracts: CapabilityContracts } | { name: string; spec: readonly string[] }) & Items,
): CapabilityDeclaration {
  if (!("contracts" in def)) return def;
  const { contracts, ...items } = def;
  return { name: contracts.name, spec: contracts.spec, routes: routesOf(contracts), ...items };
}
