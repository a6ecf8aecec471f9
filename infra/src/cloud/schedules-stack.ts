import type { CapabilityDeclaration, ScheduleDeclaration } from "@medloop/functions/declaration/index";
import { CfnOutput, Duration, Stack, type StackProps } from "aws-cdk-lib";
import { ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import { Schedule, ScheduleExpression } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import type { Construct } from "constructs";
import { acknowledge, logicalId, pascal } from "./common.ts";
import { HandlerFunction, type HandlerPlatform } from "./handler-function.ts";
import { ManagedPolicyRole } from "./managed-policy-role.ts";
import {
  accessLogsBucket,
  deadLetterQueue,
  grantQueueSend,
  SINGLE_REGION,
  secureBucket,
  stackKey,
} from "./security.ts";

export interface SchedulesStackProps extends StackProps {
  capabilities: readonly CapabilityDeclaration[];
  platform: HandlerPlatform;
}

/**
 * The declared schedules (EventBridge Scheduler → Lambda) and the bucket of compliance report
 * exports. (The audit anchors they write are the data stack's: audit-anchors.ts.)
 */
export class SchedulesStack extends Stack {
  readonly reports: Bucket;

  constructor(scope: Construct, id: string, props: SchedulesStackProps) {
    super(scope, id, props);
    const logs = accessLogsBucket(this, "AccessLogs");

    this.reports = secureBucket(this, "Reports", {
      logs,
      logPrefix: "reports/",
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    });
    acknowledge(this.reports, "HIPAA.Security-S3BucketReplicationEnabled", SINGLE_REGION);

    for (const capability of props.capabilities) {
      for (const schedule of capability.schedules ?? []) this.schedule(capability, schedule, props.platform);
    }

    new CfnOutput(this, "ReportsBucket", { value: this.reports.bucketName });
  }

  private schedule(capability: CapabilityDeclaration, schedule: ScheduleDeclaration, platform: HandlerPlatform) {
    const id = `${pascal(capability.name)}${pascal(schedule.name)}`;
    const handler = HandlerFunction.for(this, {
      handler: schedule.handler,
      description: schedule.description,
      kind: "schedule",
      platform,
      anchors: schedule.anchors,
    });

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
}
