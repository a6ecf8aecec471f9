import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { configureDb } from "@medloop/shared/db/client";
import { tenantSessionPolicy, tenantSessionTags } from "./tenant-policy.ts";

/**
 * In AWS (TENANT_DATA_ROLE_ARN set) every DynamoDB call of a request goes out with credentials
 * minted for the caller's tenant: the tenant data role assumed with a LeadingKeys session policy.
 * A bug that composes another tenant's key is then refused by IAM, not only by our code.
 * Credentials are cached per tenant until shortly before they expire, so a warm function
 * assumes the role once per tenant, not once per request.
 */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export function useTenantScopedCredentials(env = process.env): boolean {
  const roleArn = env.TENANT_DATA_ROLE_ARN;
  const tableArn = env.MEDLOOP_TABLE_ARN;
  if (!roleArn || !tableArn) return false;
  const sts = new STSClient({});
  const cache = new Map<string, { client: DynamoDBDocumentClient; expires: number }>();

  configureDb((tenantId) => {
    const hit = cache.get(tenantId);
    if (hit && hit.expires - REFRESH_MARGIN_MS > Date.now()) return hit.client;
    const entry = { client: undefined as unknown as DynamoDBDocumentClient, expires: Number.POSITIVE_INFINITY };
    const base = new DynamoDBClient({
      credentials: async () => {
        const { Credentials: c } = await sts.send(
          new AssumeRoleCommand({
            RoleArn: roleArn,
            RoleSessionName: `tenant-${tenantId}`.slice(0, 64),
            Policy: JSON.stringify(tenantSessionPolicy(tableArn, tenantId)),
            Tags: tenantSessionTags(tenantId),
            DurationSeconds: 3600,
          }),
        );
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("AssumeRole returned no credentials");
        entry.expires = c.Expiration?.getTime() ?? Date.now() + 3600_000;
        return {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          sessionToken: c.SessionToken,
          expiration: c.Expiration,
        };
      },
    });
    entry.client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
    cache.set(tenantId, entry);
    return entry.client;
  });
  return true;
}
