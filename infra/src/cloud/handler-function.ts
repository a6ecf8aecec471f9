import { Duration, Tags } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime } from "aws-cdk-lib/aws-lambda";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct, type IConstruct } from "constructs";
import { type AnchorStore, grantAnchors } from "./audit-anchors.ts";
import { prebuiltDir } from "./bundling.ts";
import { acknowledge, deployedStack, HandlerEnv, handlerId, type Observed } from "./common.ts";
import { ManagedPolicyRole } from "./managed-policy-role.ts";
import { deadLetterQueue, encryptedLogGroup, grantQueueSend } from "./security.ts";

/** How a handler is invoked decides its timeout, its concurrency cap and whether it needs a DLQ. */
export type HandlerKind =
  | "http"
  | "subscription"
  | "stream"
  | "pipe-enrichment"
  | "schedule"
  | "topic-rule"
  | "trigger";

interface KindDefaults {
  timeout: Duration;
  memorySize: number;
  /** Reserved concurrency: a runaway function cannot starve the others or run up the bill. */
  concurrency: number;
  /** Invoked asynchronously (EventBridge, Scheduler, IoT): failures after retries go to a DLQ. */
  async: boolean;
}

const KINDS: Record<HandlerKind, KindDefaults> = {
  http: { timeout: Duration.seconds(10), memorySize: 512, concurrency: 20, async: false },
  subscription: { timeout: Duration.seconds(30), memorySize: 512, concurrency: 5, async: true },
  stream: { timeout: Duration.seconds(60), memorySize: 512, concurrency: 5, async: false },
  "pipe-enrichment": { timeout: Duration.seconds(30), memorySize: 256, concurrency: 5, async: false },
  schedule: { timeout: Duration.minutes(5), memorySize: 512, concurrency: 1, async: true },
  "topic-rule": { timeout: Duration.seconds(30), memorySize: 512, concurrency: 10, async: true },
  trigger: { timeout: Duration.seconds(5), memorySize: 256, concurrency: 20, async: false },
};

/** The cross-cutting references every handler receives. */
export interface HandlerPlatform {
  tableName: string;
  tableArn: string;
  tenantDataRoleArn: string;
  eventBusName?: string;
  /** The audit anchors' Object Lock bucket (data stack), for handlers that declare `anchors`. */
  auditAnchors: AnchorStore;
  observed: Observed;
}

export interface HandlerFunctionProps {
  /** Module path under `functions/src/`, e.g. `http/users/list`. */
  handler: string;
  description: string;
  kind: HandlerKind;
  platform: HandlerPlatform;
  environment?: Record<string, string>;
  /** Reads (or writes) audit anchors: the bucket's name in its environment, and the grant. */
  anchors?: "read" | "write";
  /** May assume the tenant data role (default). Cognito triggers and pure transforms need not. */
  tenantData?: boolean;
}

/** Tag on handler roles that the tenant data role's trust policy requires. */
export const TENANT_ACCESS_TAG = "medloop-tenant-access";

/**
 * One declared handler as a Lambda function: Node 22 on arm64, bundled locally by esbuild as ESM,
 * an encrypted log group with retention, its own role (grants in a managed policy), reserved
 * concurrency, a DLQ when invoked asynchronously, and no table access of its own — data goes
 * through the tenant data role.
 */
export class HandlerFunction extends Construct {
  readonly fn: LambdaFunction;
  readonly role: ManagedPolicyRole;
  readonly dlq?: Queue;

  /** One function per handler module per stack, however many declarations name it. */
  static for(scope: Construct, props: HandlerFunctionProps): HandlerFunction {
    const id = handlerId(props.handler);
    const existing = scope.node.tryFindChild(id);
    if (existing instanceof HandlerFunction) return existing;
    return new HandlerFunction(scope, id, props);
  }

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const kind = KINDS[props.kind];
    const concurrency = reservedConcurrency(this, props.kind, kind.concurrency);
    const { platform } = props;

    this.role = new ManagedPolicyRole(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `Runs functions/src/${props.handler}`,
    });
    const logGroup = encryptedLogGroup(this, "Logs");
    logGroup.grantWrite(this.role);

    if (kind.async) {
      this.dlq = deadLetterQueue(this, "Dlq", { ofLambda: true });
      grantQueueSend(this.role, this.dlq);
      platform.observed.queues.push({ label: `${props.handler} (async DLQ)`, queue: this.dlq });
    }

    this.fn = new LambdaFunction(this, "Function", {
      code: bundledHandler(props.handler),
      handler: "index.handler",
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      description: props.description.slice(0, 256),
      role: this.role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      timeout: kind.timeout,
      memorySize: kind.memorySize,
      reservedConcurrentExecutions: concurrency,
      deadLetterQueue: this.dlq,
      retryAttempts: kind.async ? 2 : undefined,
      environment: {
        ...(props.tenantData === false
          ? {}
          : {
              [HandlerEnv.table]: platform.tableName,
              [HandlerEnv.tableArn]: platform.tableArn,
              [HandlerEnv.tenantDataRole]: platform.tenantDataRoleArn,
            }),
        ...(platform.eventBusName ? { [HandlerEnv.eventBus]: platform.eventBusName } : {}),
        ...(props.anchors ? { [HandlerEnv.auditAnchorBucket]: platform.auditAnchors.bucketName } : {}),
        POWERTOOLS_SERVICE_NAME: "medloop",
        LOG_LEVEL: "INFO",
        NODE_OPTIONS: "--enable-source-maps",
        ...props.environment,
      },
    });

    if (props.anchors) grantAnchors(this.role, platform.auditAnchors, props.anchors);
    if (props.tenantData !== false) {
      Tags.of(this.role).add(TENANT_ACCESS_TAG, "true");
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ["sts:AssumeRole", "sts:TagSession"],
          resources: [platform.tenantDataRoleArn],
        }),
      );
    }

    acknowledgeLambdaBaseline(this.fn, props.kind, kind.async);
    // Labelled by the deployed stack: alarm ids stay the same when routes move into nested stacks.
    platform.observed.functions.push({ label: `${deployedStack(this).stackName}/${props.handler}`, fn: this.fn });
  }
}

/**
 * Findings every MedLoop function shares, with why each is acceptable. Functions are kept out of a
 * VPC, pinned to Node 22, and only asynchronously invoked ones have a Lambda DLQ.
 */
export function acknowledgeLambdaBaseline(fn: IConstruct, kind: string, async: boolean): void {
  if (!async) {
    acknowledge(
      fn,
      "HIPAA.Security-LambdaDLQ",
      `Invoked synchronously (${kind}): the caller sees the failure and retries; a Lambda DLQ only applies to asynchronous invocations.`,
    );
  }
  acknowledge(
    fn,
    "HIPAA.Security-LambdaInsideVPC",
    "Reaches only IAM-authenticated TLS endpoints of AWS services (DynamoDB, STS, EventBridge, S3, Cognito) and no private network resource; a VPC would add NAT or endpoint cost without narrowing access, which IAM and the tenant session policy already confine.",
  );
  acknowledge(
    fn,
    "AwsSolutions-L1",
    "Pinned to Node.js 22 on purpose (TOOLCHAIN.md): the runtime the toolchain and the tested AWS SDK target; moves to 24 together with the local toolchain.",
  );
}

/** `functions/src/<handler>.ts` as bundled before synth (bundling.ts), with its source map. */
export function bundledHandler(handler: string): Code {
  return Code.fromAsset(prebuiltDir(handler));
}

function reservedConcurrency(scope: Construct, kind: HandlerKind, fallback: number): number {
  const overrides = scope.node.tryGetContext("medloop:reservedConcurrency") as
    | Partial<Record<HandlerKind, number>>
    | undefined;
  return overrides?.[kind] ?? fallback;
}
