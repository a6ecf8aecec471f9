/**
 * The session policy a handler's DynamoDB credentials carry for one tenant (SEC-4): every item
 * it reads or writes, on the table and on its indexes, must have a partition key starting
 * `t#<tenantId>#`. The trailing delimiter stops tenant `acme` matching tenant `acme-2`.
 * The CDK stack grants the tenant data role the same actions; this narrows it per request.
 */
export const TENANT_DATA_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
] as const;

export function tenantSessionPolicy(tableArn: string, tenantId: string) {
  if (!/^[a-z0-9_][a-z0-9-]{1,39}$/.test(tenantId)) throw new Error(`Not a tenant id: ${tenantId}`);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TenantItemsOnly",
        Effect: "Allow",
        Action: [...TENANT_DATA_ACTIONS],
        Resource: [tableArn, `${tableArn}/index/*`],
        Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`t#${tenantId}#*`] } },
      },
    ],
  };
}
