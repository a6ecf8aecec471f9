import type {
  CapabilityDeclaration,
  StreamConsumerDeclaration,
  SubscriptionDeclaration,
} from "@medloop/functions/declaration/index";
import { CfnOutput, Duration, Stack, type StackProps } from "aws-cdk-lib";
import type { IUserPool } from "aws-cdk-lib/aws-cognito";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { Archive, EventBus, type EventPattern, Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { EventSourceMapping, FilterCriteria, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { CfnPipe } from "aws-cdk-lib/aws-pipes";
import type { Construct } from "constructs";
import { HandlerEnv, pascal } from "./common.ts";
import { HandlerFunction, type HandlerPlatform } from "./handler-function.ts";
import { ManagedPolicyRole } from "./managed-policy-role.ts";
import { allowServiceToUseStackKey, deadLetterQueue, encryptedLogGroup, grantQueueSend, stackKey } from "./security.ts";
import { streamFilterPatterns } from "./stream-filters.ts";

export interface EventsStackProps extends StackProps {
  capabilities: readonly CapabilityDeclaration[];
  table: Table;
  tableKey: IKey;
  platform: HandlerPlatform;
  /** The Cognito user pool, for subscriptions that declare `needs: ["user-directory"]`. */
  userPool: IUserPool;
  /**
   * The sender of MedLoop's mail (`needs: ["mail"]`): an address of a domain verified in SES in this
   * account and region (cdk.json `medloop:mailFrom`). Only that identity may be sent from.
   */
  mailFrom: string;
}

/** What a subscription that keeps the user directory in step may do to the pool: no deletes, no passwords. */
const USER_DIRECTORY_ACTIONS = [
  "cognito-idp:AdminGetUser",
  "cognito-idp:AdminCreateUser",
  "cognito-idp:AdminUpdateUserAttributes",
  "cognito-idp:AdminDisableUser",
  "cognito-idp:AdminEnableUser",
  "cognito-idp:AdminUserGlobalSignOut",
];

/**
 * The bus and everything that moves events: the outbox relay (table stream → Pipe → bus), the
 * declared subscriptions (bus → rule → Lambda) and the stream consumers (table stream → Lambda).
 */
export class EventsStack extends Stack {
  readonly bus: EventBus;
  readonly platform: HandlerPlatform;
  private readonly table: Table;
  private readonly tableKey: IKey;
  private readonly userPool: IUserPool;
  private readonly mailFrom: string;

  constructor(scope: Construct, id: string, props: EventsStackProps) {
    super(scope, id, props);
    this.table = props.table;
    this.tableKey = props.tableKey;
    this.userPool = props.userPool;
    this.mailFrom = props.mailFrom;

    // A literal name: key policies name the bus, and a reference would make key → bus → key.
    const busName = this.stackName.toLowerCase();
    this.bus = new EventBus(this, "Bus", {
      eventBusName: busName,
      description: "MedLoop domain events (versioned detail-types, one schema each in shared/)",
      kmsKey: stackKey(this),
    });
    // The archive names the bus by ARN for the same reason (its key statement would reference it).
    const busByArn = EventBus.fromEventBusArn(
      this,
      "BusByArn",
      this.formatArn({ service: "events", resource: "event-bus", resourceName: busName }),
    );
    // Every event for a year: replay rebuilds a projection or re-drives a fixed subscriber.
    const archive = new Archive(this, "Archive", {
      sourceEventBus: busByArn,
      eventPattern: { account: [this.account] },
      retention: Duration.days(365),
      kmsKey: stackKey(this),
      description: "Replayable copy of every MedLoop domain event",
    });
    archive.node.addDependency(this.bus);
    this.platform = { ...props.platform, eventBusName: this.bus.eventBusName };

    for (const capability of props.capabilities) {
      for (const subscription of capability.subscriptions ?? []) this.subscribe(capability, subscription);
      for (const stream of capability.streams ?? []) {
        if (stream.mode === "pipe-enrichment") this.pipe(capability, stream);
        else this.streamConsumer(capability, stream);
      }
    }

    new CfnOutput(this, "EventBusName", { value: this.bus.eventBusName });
  }

  private get streamArn(): string {
    const arn = this.table.tableStreamArn;
    if (!arn) throw new Error("The table has no stream; the declaration needs one for events and audit");
    return arn;
  }

  /** A declared subscription: a rule with the declared pattern, retried, then dead-lettered. */
  private subscribe(capability: CapabilityDeclaration, sub: SubscriptionDeclaration) {
    const id = `${pascal(capability.name)}${pascal(sub.name)}`;
    const directory = sub.needs?.includes("user-directory");
    const mail = sub.needs?.includes("mail");
    const { fn, role } = HandlerFunction.for(this, {
      handler: sub.handler,
      description: sub.description,
      kind: "subscription",
      platform: this.platform,
      environment: {
        ...(directory && { [HandlerEnv.userPoolId]: this.userPool.userPoolId }),
        ...(mail && { [HandlerEnv.mailFrom]: this.mailFrom }),
      },
    });
    if (directory) {
      role.addToPrincipalPolicy(
        new PolicyStatement({ actions: USER_DIRECTORY_ACTIONS, resources: [this.userPool.userPoolArn] }),
      );
    }
    if (mail) {
      const domain = this.mailFrom.replace(/^.*@/, "").replace(/>.*$/, "");
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ["ses:SendEmail"],
          resources: [Stack.of(this).formatArn({ service: "ses", resource: "identity", resourceName: domain })],
        }),
      );
    }
    const dlq = deadLetterQueue(this, `${id}TargetDlq`);
    allowServiceToUseStackKey(this, "events.amazonaws.com");
    const rule = new Rule(this, id, {
      eventBus: this.bus,
      // Declared patterns use EventBridge's own keys (`detail-type`); CDK passes unknown keys through.
      eventPattern: sub.pattern as EventPattern,
      description: sub.description.slice(0, 512),
    });
    rule.addTarget(new LambdaFunction(fn, { deadLetterQueue: dlq, retryAttempts: 8, maxEventAge: Duration.hours(24) }));
    this.platform.observed.queues.push({ label: `${capability.name}/${sub.name} (rule DLQ)`, queue: dlq });
  }

  /**
   * `pipe-enrichment`: an EventBridge Pipe reads the table stream, keeps the filtered records, lets
   * the Lambda turn them into `[{ source, detailType, detail }]` and puts each on the bus with that
   * source and detail-type. The Pipe is the only writer to the bus.
   */
  private pipe(capability: CapabilityDeclaration, stream: StreamConsumerDeclaration) {
    const id = `${pascal(capability.name)}${pascal(stream.name)}`;
    const { fn } = HandlerFunction.for(this, {
      handler: stream.handler,
      description: stream.description,
      kind: "pipe-enrichment",
      platform: this.platform,
      // A pure transform of the records the Pipe hands it.
      tenantData: false,
    });
    const dlq = deadLetterQueue(this, `${id}Dlq`);
    const logs = encryptedLogGroup(this, `${id}PipeLogs`);
    const role = new ManagedPolicyRole(this, `${id}PipeRole`, {
      assumedBy: new ServicePrincipal("pipes.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": this.account } },
      }),
      description: `EventBridge Pipe ${id}: table stream -> ${stream.handler} -> bus`,
    });
    this.grantStreamRead(role);
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [fn.functionArn] }));
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ["events:PutEvents"], resources: [this.bus.eventBusArn] }),
    );
    grantQueueSend(role, dlq);
    logs.grantWrite(role);

    const pipe = new CfnPipe(this, `${id}Pipe`, {
      description: stream.description.slice(0, 512),
      roleArn: role.roleArn,
      source: this.streamArn,
      sourceParameters: {
        dynamoDbStreamParameters: {
          startingPosition: "TRIM_HORIZON",
          batchSize: 10,
          maximumBatchingWindowInSeconds: 1,
          maximumRetryAttempts: 10,
          maximumRecordAgeInSeconds: 24 * 3600,
          onPartialBatchItemFailure: "AUTOMATIC_BISECT",
          deadLetterConfig: { arn: dlq.queueArn },
        },
        filterCriteria: { filters: streamFilterPatterns(stream.filter).map((p) => ({ pattern: JSON.stringify(p) })) },
      },
      enrichment: fn.functionArn,
      target: this.bus.eventBusArn,
      targetParameters: {
        // Each element of the enrichment's array becomes one event: its detail is `detail`.
        inputTemplate: "<$.detail>",
        eventBridgeEventBusParameters: { source: "$.source", detailType: "$.detailType" },
      },
      // Errors only, without execution data: records carry tenant data.
      logConfiguration: { level: "ERROR", cloudwatchLogsLogDestination: { logGroupArn: logs.logGroupArn } },
    });
    pipe.node.addDependency(role);
    this.platform.observed.queues.push({ label: `${capability.name}/${stream.name} (pipe DLQ)`, queue: dlq });
  }

  /**
   * `event-source`: a Lambda event source mapping on the table stream. Failed batches are split to
   * find the bad record, the handler reports per-record failures, and what still fails after the
   * retries is recorded (stream coordinates) in an SQS queue for replay.
   */
  private streamConsumer(capability: CapabilityDeclaration, stream: StreamConsumerDeclaration) {
    const id = `${pascal(capability.name)}${pascal(stream.name)}`;
    const handler = HandlerFunction.for(this, {
      handler: stream.handler,
      description: stream.description,
      kind: "stream",
      platform: this.platform,
      anchors: stream.anchors,
    });
    const failures = deadLetterQueue(this, `${id}Failures`);
    this.grantStreamRead(handler.role);
    grantQueueSend(handler.role, failures);
    const mapping = new EventSourceMapping(this, `${id}Mapping`, {
      target: handler.fn,
      eventSourceArn: this.streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: 10,
      maxRecordAge: Duration.hours(24),
      // Explicit grants above (no kms/sqs wildcards): bind only names the destination.
      onFailure: { bind: () => ({ destination: failures.queueArn }) },
      filters: streamFilterPatterns(stream.filter).map((p) => FilterCriteria.filter(p)),
    });
    mapping.node.addDependency(handler.role);
    this.platform.observed.queues.push({
      label: `${capability.name}/${stream.name} (stream failures)`,
      queue: failures,
    });
  }

  /** Read this table's stream (its records are encrypted with the table key). */
  private grantStreamRead(role: ManagedPolicyRole) {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          "dynamodb:DescribeStream",
          "dynamodb:GetRecords",
          "dynamodb:GetShardIterator",
          "dynamodb:ListStreams",
        ],
        resources: [this.streamArn],
      }),
    );
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ["kms:Decrypt"], resources: [this.tableKey.keyArn] }));
  }
}
