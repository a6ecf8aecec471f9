import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { type IGrantable, PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type BucketProps,
  type IBucket,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import { Queue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { acknowledge, deployedStack } from "./common.ts";

/**
 * One customer-managed key per stack for its logs, queues and topics: a key is referenced only
 * from its own stack, so key policies never create cross-stack cycles, and revoking one stack's key
 * does not blind the others. The table has its own key (data stack). Nested stacks use their
 * top-level stack's key (a parameter): they deploy with it, and a key per capability would add cost
 * and nothing else.
 */
export function stackKey(scope: Construct): Key {
  const stack = deployedStack(scope);
  const existing = stack.node.tryFindChild("StackKey");
  if (existing) return existing as Key;
  const key = new Key(stack, "StackKey", {
    description: `${stack.stackName}: logs, dead-letter queues and topics`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // CloudWatch Logs encrypts log groups of this stack's account and region only.
  key.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      resources: ["*"],
      conditions: {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
        },
      },
    }),
  );
  return key;
}

const serviceGrants = new WeakMap<Key, Set<string>>();

/**
 * Let an AWS service (EventBridge delivering to a DLQ, CloudWatch alarms publishing to a topic)
 * use this stack's key, on behalf of this account only. Added once per stack and service.
 */
export function allowServiceToUseStackKey(scope: Construct, service: string): void {
  const key = stackKey(scope);
  const granted = serviceGrants.get(key) ?? new Set<string>();
  serviceGrants.set(key, granted);
  if (granted.has(service)) return;
  granted.add(service);
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: `Allow${service.replace(/[^A-Za-z0-9]/g, "")}`,
      principals: [new ServicePrincipal(service)],
      actions: ["kms:Decrypt", "kms:GenerateDataKey"],
      resources: ["*"],
      conditions: { StringEquals: { "aws:SourceAccount": Stack.of(scope).account } },
    }),
  );
}

export const LOG_RETENTION = RetentionDays.ONE_YEAR;

/** A KMS-encrypted log group with an explicit retention (HIPAA log group controls). */
export function encryptedLogGroup(scope: Construct, id: string, retention = LOG_RETENTION): LogGroup {
  return new LogGroup(scope, id, {
    encryptionKey: stackKey(scope),
    retention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/**
 * A dead-letter queue: encrypted with the stack key, TLS only, kept 14 days (the SQS maximum) so an
 * operator has two weeks to inspect and redrive. It is the end of the line, so it has no DLQ itself.
 */
export function deadLetterQueue(scope: Construct, id: string, opts: { ofLambda?: boolean } = {}): Queue {
  const queue = new Queue(scope, id, {
    encryptionMasterKey: stackKey(scope),
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // cdk-nag recognises a DLQ only behind another queue or a Lambda DeadLetterConfig, not behind a
  // rule target, a Pipe, an event source mapping, a schedule or an IoT error action.
  if (!opts.ofLambda) {
    acknowledge(
      queue,
      "AwsSolutions-SQS3",
      "This queue is the dead-letter/failure destination of a rule target, Pipe, stream mapping, schedule or IoT rule; its depth is alarmed.",
    );
  }
  return queue;
}

/** Send to an encrypted queue with exactly the two KMS actions SQS needs (no `kms:*Key*` wildcards). */
export function grantQueueSend(grantee: IGrantable, queue: Queue): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ["sqs:SendMessage"], resources: [queue.queueArn] }),
  );
  if (queue.encryptionMasterKey) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: [queue.encryptionMasterKey.keyArn],
      }),
    );
  }
}

/**
 * The bucket that receives S3 server access logs (or CloudFront standard logs with `cloudFront`).
 * Log delivery only supports SSE-S3 here, and a log bucket does not log itself.
 */
export function accessLogsBucket(scope: Construct, id: string, opts: { cloudFront?: boolean } = {}): Bucket {
  const bucket = new Bucket(scope, id, {
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    versioned: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    // CloudFront standard logging still writes with ACLs.
    objectOwnership: opts.cloudFront ? ObjectOwnership.BUCKET_OWNER_PREFERRED : ObjectOwnership.BUCKET_OWNER_ENFORCED,
    // HIPAA asks that documentation of access be kept six years.
    lifecycleRules: [{ expiration: Duration.days(6 * 366), noncurrentVersionExpiration: Duration.days(30) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const reasons: [string, string][] = [
    [
      "HIPAA.Security-S3DefaultEncryptionKMS",
      "S3 server access logs and CloudFront standard logs can only be delivered to SSE-S3 buckets.",
    ],
    [
      "HIPAA.Security-S3BucketReplicationEnabled",
      "Access logs are operational records, not PHI; they are versioned and kept six years in-region.",
    ],
  ];
  // cdk-nag accepts a bucket that receives S3 server access logs; CloudFront's log bucket it does not know.
  if (opts.cloudFront) {
    reasons.push(
      ["AwsSolutions-S1", "This is the CloudFront log bucket; logging it into itself would loop."],
      [
        "HIPAA.Security-S3BucketLoggingEnabled",
        "This is the CloudFront log bucket; logging it into itself would loop.",
      ],
    );
  }
  for (const [rule, reason] of reasons) acknowledge(bucket, rule, reason);
  return bucket;
}

/** A private, versioned, KMS-encrypted, TLS-only bucket with server access logs. */
/** Why a bucket has no cross-region replication yet (cdk-nag HIPAA asks for it). */
export const SINGLE_REGION =
  "Single-region deployment for now; durability is S3's eleven nines and versioning. Cross-region replication needs a second-region bucket and key, added with the DR region.";

export function secureBucket(
  scope: Construct,
  id: string,
  props: { logs: IBucket; logPrefix: string } & Partial<BucketProps>,
): Bucket {
  const { logs, logPrefix, ...rest } = props;
  return new Bucket(scope, id, {
    encryption: BucketEncryption.KMS,
    encryptionKey: stackKey(scope),
    bucketKeyEnabled: true,
    enforceSSL: true,
    versioned: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: logs,
    serverAccessLogsPrefix: logPrefix,
    removalPolicy: RemovalPolicy.RETAIN,
    ...rest,
  });
}
