import { Aws, Duration, Stack } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { type Bucket, type IBucket, ObjectLockRetention } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { acknowledge } from "./common.ts";
import type { ManagedPolicyRole } from "./managed-policy-role.ts";
import { secureBucket, stackKey } from "./security.ts";

/** Where anchors go (functions/src/lib/audit-anchors.ts `anchorKey`). */
export const AUDIT_ANCHOR_PREFIX = "audit-anchors/";

/** The anchor store as handlers in any stack reach it. */
export interface AnchorStore {
  /** The bucket's fixed name, spelled with pseudo parameters: it resolves alike in every stack. */
  bucketName: string;
  /** The KMS key its objects are encrypted with. */
  keyArn: string;
}

/**
 * A fixed name, unique per deployment, account and region. With it each stack spells the bucket's
 * ARN from its own pseudo parameters instead of importing it from the data stack, so the one
 * wildcard the grants need (the anchor prefix) reads the same everywhere and is acknowledged as
 * exactly that.
 */
const bucketNameFor = (stackName: string) => `${stackName.toLowerCase()}-audit-anchors-${Aws.ACCOUNT_ID}-${Aws.REGION}`;

/**
 * The audit chain's anchors: an Object Lock bucket in COMPLIANCE mode, where nobody who can write
 * the table — nor the account's root — can change or delete an anchor before its retention ends.
 * It lives beside the table (data stack) because three kinds of function reach it: the anchor
 * schedule and the audit stream consumer write anchors, the verify route reads the latest one.
 */
export function auditAnchorStore(
  scope: Construct,
  props: { logs: IBucket; retention?: Duration },
): AnchorStore & { bucket: Bucket } {
  const bucketName = bucketNameFor(Stack.of(scope).stackName);
  const bucket = secureBucket(scope, "AuditAnchors", {
    bucketName,
    logs: props.logs,
    logPrefix: AUDIT_ANCHOR_PREFIX,
    objectLockEnabled: true,
    // Seven years by default: longer than HIPAA's six-year documentation retention.
    objectLockDefaultRetention: ObjectLockRetention.compliance(props.retention ?? Duration.days(7 * 365)),
  });
  return { bucket, bucketName, keyArn: stackKey(scope).keyArn };
}

/**
 * `read`: list and get under the prefix (the latest anchor). `write`: put as well — each anchor is
 * checked against the one before it, so a writer reads too. Never delete, never a retention change.
 */
export function grantAnchors(role: ManagedPolicyRole, store: AnchorStore, access: "read" | "write") {
  const bucketArn = `arn:${Aws.PARTITION}:s3:::${store.bucketName}`;
  const objects = access === "write" ? ["s3:GetObject", "s3:PutObject"] : ["s3:GetObject"];
  role.addToPrincipalPolicy(
    new PolicyStatement({ actions: objects, resources: [`${bucketArn}/${AUDIT_ANCHOR_PREFIX}*`] }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["s3:ListBucket"],
      resources: [bucketArn],
      conditions: { StringLike: { "s3:prefix": [`${AUDIT_ANCHOR_PREFIX}*`] } },
    }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: access === "write" ? ["kms:GenerateDataKey", "kms:Decrypt"] : ["kms:Decrypt"],
      resources: [store.keyArn],
    }),
  );
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${nagSpelling(store.bucketName)}/${AUDIT_ANCHOR_PREFIX}*]`,
    `Anchor keys are audit-anchors/<tenant>/<inverted seq>.json, unknown at deploy time; the grant is ${objects.join(" and ")} under that prefix of this Object-Locked bucket.`,
  );
}

/** How cdk-nag spells the name's pseudo parameters in a finding id. */
const nagSpelling = (name: string) =>
  name.replace(Aws.ACCOUNT_ID, "<AWS::AccountId>").replace(Aws.REGION, "<AWS::Region>");
