import type { CapabilityDeclaration, ScheduleDeclaration } from "@medloop/functions/declaration/index";
import { CfnOutput, Duration, Stack, type StackProps } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { type Bucket, ObjectLockRetention } from "aws-cdk-lib/aws-s3";
import { Schedule, ScheduleExpression } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import type { Construct } from "constructs";
import { acknowledge, HandlerEnv, logicalId, pascal } from "./common.ts";
import { HandlerFunction, type HandlerPlatform } from "./handler-function.ts";
import { ManagedPolicyRole } from "./managed-policy-role.ts";
import { accessLogsBucket, deadLetterQueue, grantQueueSend, secureBucket, stackKey } from "./security.ts";

export interface SchedulesStackProps extends StackProps {
  capabilities: readonly CapabilityDeclaration[];
  platform: HandlerPlatform;
  /** Object Lock default retention of audit anchors (COMPLIANCE mode: nobody can shorten it). */
  anchorRetention?: Duration;
}

/** The schedule whose handler writes the audit chain heads to the WORM bucket. */
export const AUDIT_ANCHOR_SCHEDULE = "audit-anchor";
/** Where it writes (functions/src/lib/audit-anchors.ts `anchorKey`). */
export const AUDIT_ANCHOR_PREFIX = "audit-anchors/";

/**
 * The declared schedules (EventBridge Scheduler → Lambda) and the buckets they write: audit anchors
 * under Object Lock in COMPLIANCE mode, and compliance report exports.
 */
export class SchedulesStack extends Stack {
  readonly auditAnchors: Bucket;
  readonly reports: Bucket;

  constructor(scope: Construct, id: string, props: SchedulesStackProps) {
    super(scope, id, props);
    const logs = accessLogsBucket(this, "AccessLogs");

    // Seven years by default: longer than HIPAA's six-year documentation retention.
    const retention = props.anchorRetention ?? Duration.days(7 * 365);
    this.auditAnchors = secureBucket(this, "AuditAnchors", {
      logs,
      logPrefix: "audit-anchors/",
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(retention),
    });
    this.reports = secureBucket(this, "Reports", {
      logs,
      logPrefix: "reports/",
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    });
    const replication =
      "Single-region deployment for now; durability is S3's eleven nines and versioning. Cross-region replication needs a second-region bucket and key, added with the DR region.";
    acknowledge(this.auditAnchors, "HIPAA.Security-S3BucketReplicationEnabled", replication);
    acknowledge(this.reports, "HIPAA.Security-S3BucketReplicationEnabled", replication);

    for (const capability of props.capabilities) {
      for (const schedule of capability.schedules ?? []) this.schedule(capability, schedule, props.platform);
    }

    new CfnOutput(this, "AuditAnchorBucket", { value: this.auditAnchors.bucketName });
    new CfnOutput(this, "ReportsBucket", { value: this.reports.bucketName });
  }

  private schedule(capability: CapabilityDeclaration, schedule: ScheduleDeclaration, platform: HandlerPlatform) {
    const id = `${pascal(capability.name)}${pascal(schedule.name)}`;
    const isAnchor = schedule.name === AUDIT_ANCHOR_SCHEDULE;
    const handler = HandlerFunction.for(this, {
      handler: schedule.handler,
      description: schedule.description,
      kind: "schedule",
      platform,
      environment: isAnchor ? { [HandlerEnv.auditAnchorBucket]: this.auditAnchors.bucketName } : undefined,
    });
    if (isAnchor) this.grantAnchorWrite(handler);

    const dlq = deadLetterQueue(this, `${id}Dlq`);
    const role = new ManagedPolicyRole(this, `${id}SchedulerRole`, {
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": this.account } },
      }),
      description: `EventBridge Scheduler ${schedule.name} -> ${schedule.handler}`,
    });
    grantQueueSend(role, dlq);
    new Schedule(this, id, {
      description: schedule.description.slice(0, 512),
      schedule: ScheduleExpression.expression(schedule.expression),
      key: stackKey(this),
      target: new LambdaInvoke(handler.fn, {
        role,
        deadLetterQueue: dlq,
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
      }),
    });
    // The target grants itself lambda:InvokeFunction on the function and its versions.
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${logicalId(handler.fn)}.Arn>:*]`,
      "Invoke of this one function and its versions/aliases, as the Scheduler Lambda target grants it.",
    );
    platform.observed.queues.push({ label: `${capability.name}/${schedule.name} (scheduler DLQ)`, queue: dlq });
  }

  /**
   * Put anchors and read the latest one back (each anchor checks the chain from the one before):
   * no delete, no retention change.
   */
  private grantAnchorWrite(handler: HandlerFunction) {
    handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["s3:PutObject", "s3:GetObject"],
        resources: [this.auditAnchors.arnForObjects(`${AUDIT_ANCHOR_PREFIX}*`)],
      }),
    );
    handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["s3:ListBucket"],
        resources: [this.auditAnchors.bucketArn],
        conditions: { StringLike: { "s3:prefix": [`${AUDIT_ANCHOR_PREFIX}*`] } },
      }),
    );
    handler.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ["kms:GenerateDataKey", "kms:Decrypt"], resources: [stackKey(this).keyArn] }),
    );
    acknowledge(
      handler.role,
      `AwsSolutions-IAM5[Resource::<${logicalId(this.auditAnchors)}.Arn>/${AUDIT_ANCHOR_PREFIX}*]`,
      "Anchor keys are audit-anchors/<tenant>/<inverted seq>.json, unknown at deploy time; the grant is put and get only, under that prefix of this Object-Locked bucket.",
    );
  }
}
