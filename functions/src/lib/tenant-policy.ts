import { tenantKeyPattern } from "@medloop/shared/db/keys";

/**
 * The tenant isolation contract between the CDK app and the Lambda runtime. No CDK imports here:
 * the CDK stack (infra/src/cloud/data-stack.ts) imports it from here, the runtime bundles it.
 *
 * A handler never holds table credentials of its own. Per request it assumes the tenant data role
 * (env `TENANT_DATA_ROLE_ARN`) with
 *  - `Policy`: `JSON.stringify(tenantSessionPolicy(tableArn, tenantId))`, and
 *  - `Tags`: `tenantSessionTags(tenantId)` (the trust policy refuses a session without the tag),
 * so the session may only touch items whose partition key starts `t#<tenantId>#`. The role's own
 * policy repeats the condition with the session tag as a policy variable, so a session that was
 * assumed without a session policy is still confined to its tenant.
 */

/** Session tag naming the tenant; the role's policy reads it back as `${aws:PrincipalTag/medloop-tenant}`. */
export const TENANT_SESSION_TAG = "medloop-tenant";

/**
 * Item-level actions only. Scan is deliberately absent: it carries no leading key, and
 * `ForAllValues` over an empty key set would otherwise match. Transactions and batches are
 * authorised as these per-item actions.
 */
export const TENANT_DATA_ACTIONS = [
  "dynamodb:BatchGetItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
  "dynamodb:DeleteItem",
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:Query",
  "dynamodb:UpdateItem",
] as const;

/**
 * DynamoDB uses the table's customer-managed key on the caller's behalf, so the session needs the
 * key too — the same action set aws-cdk's `grantReadWriteData` gives for a KMS table. The session
 * policy names no key: the role allows exactly one (the table key), and `kms:ViaService` keeps the
 * session from using it outside DynamoDB.
 */
export const TABLE_KEY_ACTIONS = [
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:Encrypt",
  "kms:GenerateDataKey*",
  "kms:ReEncrypt*",
] as const;

// Tenant ids are slugs (shared TenantSchema.TenantId); `_anonymous` and other system scopes use `_`.
// Anything that IAM's StringLike would treat as a wildcard (`*`, `?`) or that could end the prefix
// early (`#`) must never reach the pattern.
const SAFE_TENANT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function assertSafeTenantId(tenantId: string): void {
  if (!SAFE_TENANT_ID.test(tenantId)) {
    throw new Error(`Refusing tenant id ${JSON.stringify(tenantId)}: only letters, digits, _ and - are allowed`);
  }
}

/** The session policy for one tenant's credentials (at most 2,048 packed characters; this is ~800). */
export function tenantSessionPolicy(tableArn: string, tenantId: string) {
  assertSafeTenantId(tenantId);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TenantItemsOnly",
        Effect: "Allow",
        Action: [...TENANT_DATA_ACTIONS],
        Resource: [tableArn, `${tableArn}/index/*`],
        Condition: {
          "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [tenantKeyPattern(tenantId)] },
          // A request without leading keys must not slip through ForAllValues' empty-set match.
          Null: { "dynamodb:LeadingKeys": "false" },
        },
      },
      {
        Sid: "TableKeyThroughDynamoDb",
        Effect: "Allow",
        Action: [...TABLE_KEY_ACTIONS],
        Resource: "*",
        Condition: { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } },
      },
    ],
  };
}

/** The session tags that go with the policy (STS `AssumeRole` `Tags`). */
export function tenantSessionTags(tenantId: string) {
  assertSafeTenantId(tenantId);
  return [{ Key: TENANT_SESSION_TAG, Value: tenantId }];
}
