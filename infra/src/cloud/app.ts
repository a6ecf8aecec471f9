import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type CapabilityDeclaration, forRuntime } from "@medloop/functions/declaration/index";
import { tableDefinition } from "@medloop/shared/db/service";
import { App, Duration, Tags, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks, HIPAASecurityChecks } from "cdk-nag";
import { ApiStack } from "./api-stack.ts";
import { PRE_TOKEN_HANDLER } from "./auth.ts";
import { handlersOf, prebundleGatewayArtifact, prebundleHandlers } from "./bundling.ts";
import { newObserved, REPO_ROOT } from "./common.ts";
import { DataStack } from "./data-stack.ts";
import { EventsStack } from "./events-stack.ts";
import type { GatewayDeployment } from "./gateway-component.ts";
import type { HandlerPlatform } from "./handler-function.ts";
import { IdentityStack } from "./identity-stack.ts";
import { IotStack } from "./iot-stack.ts";
import { MonitoringStack } from "./monitoring-stack.ts";
import { SchedulesStack } from "./schedules-stack.ts";
import { WebStack } from "./web-stack.ts";

export interface BuildAppOptions {
  /** The declaration: every route, subscription, stream consumer, schedule and topic rule. */
  capabilities: readonly CapabilityDeclaration[];
  /** A Next.js standalone output to deploy; default web/.next/standalone, else a placeholder. */
  webAssetPath?: string;
  /** Cloud assembly directory (tests use a temporary one). */
  outdir?: string;
  /** Context on top of cdk.json's (feature flags and `medloop:*` settings). */
  context?: Record<string, unknown>;
  /**
   * CDK's built-in CloudFormation template validation (schema, reference cycles) at synth; on by
   * default. A test that only inspects one property of the templates may turn it off for speed.
   */
  cloudFormationValidation?: boolean;
}

/** Stack names; the order is the deployment order. */
export const STACK_NAMES = {
  data: "MedLoop-Data",
  identity: "MedLoop-Identity",
  events: "MedLoop-Events",
  api: "MedLoop-Api",
  schedules: "MedLoop-Schedules",
  iot: "MedLoop-Iot",
  web: "MedLoop-Web",
  monitoring: "MedLoop-Monitoring",
} as const;

/**
 * The CDK app, built from the one declaration with the AWS Solutions and HIPAA Security packs of
 * cdk-nag attached: `app.synth()` throws while any finding is neither fixed nor acknowledged.
 */
export function buildApp(options: BuildAppOptions) {
  const app = new App({
    outdir: options.outdir,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? true,
    // The CLI passes cdk.json's context too; reading it here makes a test synth identical.
    context: { ...cdkJsonContext(), ...options.context },
  });
  const ctx = <T>(key: string) => app.node.tryGetContext(`medloop:${key}`) as T | undefined;
  const capabilities = forRuntime(options.capabilities, "cloud");
  const observed = newObserved();

  const anchorDays = ctx<number>("anchorRetentionDays");
  const data = new DataStack(app, STACK_NAMES.data, {
    description: "MedLoop: the one table, its key and backups, the tenant data role and the audit anchors",
    table: tableDefinition("medloop"),
    anchorRetention: anchorDays ? Duration.days(anchorDays) : undefined,
  });
  const platform: HandlerPlatform = {
    tableName: data.table.tableName,
    tableArn: data.table.tableArn,
    tenantDataRoleArn: data.tenantDataRole.roleArn,
    auditAnchors: data.auditAnchors,
    observed,
  };
  const webDomain = ctx<{ names: string[]; certificateArn: string }>("webDomain");
  const identity = new IdentityStack(app, STACK_NAMES.identity, {
    description: "MedLoop: Cognito user pool, portal client and pre-token trigger",
    platform,
    portalUrls: (webDomain?.names ?? []).map((name) => `https://${name}`),
  });
  const { auth } = identity;
  const events = new EventsStack(app, STACK_NAMES.events, {
    description: "MedLoop: event bus, outbox relay pipe, subscriptions and stream consumers",
    capabilities,
    table: data.table,
    tableKey: data.tableKey,
    platform,
    userPool: auth.userPool,
    mailFrom: mailFrom(ctx<string>("mailFrom")),
  });
  const api = new ApiStack(app, STACK_NAMES.api, {
    description: "MedLoop: HTTP API and route handlers",
    capabilities,
    platform: events.platform,
    auth,
  });
  const schedules = new SchedulesStack(app, STACK_NAMES.schedules, {
    description: "MedLoop: schedules and the reports bucket",
    capabilities,
    platform: events.platform,
  });
  const iot = new IotStack(app, STACK_NAMES.iot, {
    description: "MedLoop: IoT topic rules, the gateway policy and the Greengrass component",
    capabilities,
    platform: events.platform,
    gatewayDeployments: ctx<GatewayDeployment[]>("gatewayDeployments"),
  });
  const web = new WebStack(app, STACK_NAMES.web, {
    description: "MedLoop: the Next.js portal behind CloudFront",
    serverBundlePath: options.webAssetPath,
    apiUrl: api.api.apiEndpoint,
    userPoolId: auth.userPool.userPoolId,
    userPoolClientId: auth.client.userPoolClientId,
    observed,
    webAdapterLayerVersion: ctx<number>("webAdapterLayerVersion"),
    webAclArn: ctx<string>("webAclArn"),
    domain: webDomain,
  });
  // Last: it alarms on whatever the stacks above registered.
  const monitoring = new MonitoringStack(app, STACK_NAMES.monitoring, {
    description: "MedLoop: alarms on functions, dead-letter queues and the API",
    observed,
  });

  Tags.of(app).add("project", "medloop");
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
  return { app, stacks: { data, identity, events, api, schedules, iot, web, monitoring } };
}

function cdkJsonContext(): Record<string, unknown> {
  const file = join(REPO_ROOT, "cdk.json");
  if (!existsSync(file)) return {};
  return (JSON.parse(readFileSync(file, "utf8")) as { context?: Record<string, unknown> }).context ?? {};
}

/** Bundle every handler the app will deploy, then build it: the one entry for `cdk` and the tests. */
export async function buildBundledApp(options: BuildAppOptions) {
  await Promise.all([
    prebundleHandlers([...handlersOf(forRuntime(options.capabilities, "cloud")), PRE_TOKEN_HANDLER]),
    prebundleGatewayArtifact(),
  ]);
  return buildApp(options);
}

/** The sender of MedLoop's mail: cdk.json's placeholder until a deployment names its verified SES address. */
function mailFrom(value: string | undefined): string {
  if (!value || !/@[^@\s>]+\.[^@\s>]+>?$/.test(value)) {
    throw new Error(`cdk.json "medloop:mailFrom" must be a sender address of a domain verified in SES, not "${value}"`);
  }
  return value;
}
