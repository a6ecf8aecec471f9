import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CfnElement, Names, Stack, Validations } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { IConstruct } from "constructs";

/** The monorepo root: bundling runs from here so workspace packages resolve as they do in tests. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** `functions/src/<handler>.ts`; a declared handler that does not exist fails synth with its name. */
export function handlerEntry(handler: string): string {
  const entry = join(REPO_ROOT, "functions", "src", `${handler}.ts`);
  if (!existsSync(entry)) {
    throw new Error(`Declared handler "${handler}" has no module: expected ${entry} exporting \`handler\``);
  }
  return entry;
}

/** `http/users/assign-roles` → `HttpUsersAssignRoles`: a stable construct id per handler module. */
export const handlerId = (handler: string) =>
  handler
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");

/** `outbox-relay` → `OutboxRelay`. */
export const pascal = handlerId;

/**
 * What the monitoring stack watches. Stacks register what they create; the monitoring stack reads
 * the list last, so a new route, rule or queue is alarmed without another edit.
 */
export interface Observed {
  functions: { label: string; fn: IFunction }[];
  queues: { label: string; queue: IQueue }[];
  apis: { label: string; api: HttpApi }[];
}

export const newObserved = (): Observed => ({ functions: [], queues: [], apis: [] });

/** Names of the environment variables every handler may read. */
export const HandlerEnv = {
  table: "MEDLOOP_TABLE",
  tableArn: "MEDLOOP_TABLE_ARN",
  tenantDataRole: "TENANT_DATA_ROLE_ARN",
  eventBus: "EVENT_BUS_NAME",
  userPoolId: "COGNITO_USER_POOL_ID",
  userPoolClientId: "COGNITO_CLIENT_ID",
  auditAnchorBucket: "AUDIT_ANCHOR_BUCKET",
  documentsBucket: "DOCUMENTS_BUCKET",
  signingUserPoolId: "SIGNING_USER_POOL_ID",
  signingClientId: "SIGNING_CLIENT_ID",
  mailFrom: "MEDLOOP_MAIL_FROM",
} as const;

/** A cdk-nag acknowledgement; every one carries the reason it is acceptable here. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** The CloudFormation logical id of a construct's resource, as cdk-nag spells it in finding ids. */
export function logicalId(construct: IConstruct): string {
  const resource = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).resolve(resource.logicalId) as string;
}

/**
 * The stack CloudFormation deploys a construct with: a nested stack's resources count with their
 * top-level stack (one key, one name for labels and alarm ids, wherever the routes are split).
 */
export function deployedStack(scope: IConstruct): Stack {
  let stack = Stack.of(scope);
  while (stack.nestedStackParent) stack = stack.nestedStackParent;
  return stack;
}

/**
 * How cdk-nag spells `<construct>.<attribute>` in a finding id of a resource in `scope`'s stack. In
 * the construct's own stack that is its logical id; a nested stack reads a parent's attribute from
 * the parameter CDK adds for it, named `referenceto<unique id of the resource><attribute>`.
 */
export function nagReference(scope: IConstruct, construct: IConstruct, attribute: string): string {
  if (Stack.of(scope) === Stack.of(construct)) return `${logicalId(construct)}.${attribute}`;
  const resource = construct.node.defaultChild ?? construct;
  return `referenceto${Names.nodeUniqueId(resource.node)}${attribute}`;
}
