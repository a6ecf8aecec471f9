import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { tenantSessionPolicy } from "./tenant-policy.ts";

describe("tenant session policy", () => {
  it("confines every data action to keys that start with the tenant and a delimiter", () => {
    const policy = tenantSessionPolicy("arn:aws:dynamodb:eu-central-1:1:table/medloop", "acme-med");
    const stmt = policy.Statement[0]!;
    expect(stmt.Condition?.["ForAllValues:StringLike"]).toEqual({ "dynamodb:LeadingKeys": ["t#acme-med#*"] });
    expect(stmt.Resource).toContain("arn:aws:dynamodb:eu-central-1:1:table/medloop/index/*");
    expect(stmt.Action).not.toContain("dynamodb:Scan");
  });

  it("refuses to build a policy for something that is not a tenant id (no wildcard injection)", () => {
    expect(() => tenantSessionPolicy("arn:t", "acme*")).toThrow(/Refusing tenant id/);
    expect(() => tenantSessionPolicy("arn:t", "a#b")).toThrow(/Refusing tenant id/);
  });
});

describe("tenant-scoped credentials", () => {
  it("assume the tenant data role with that tenant's session policy, once per tenant", async () => {
    const sts = mockClient(STSClient);
    sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: "AK",
        SecretAccessKey: "SK",
        SessionToken: "ST",
        Expiration: new Date(Date.now() + 3600_000),
      },
    });
    const { useTenantScopedCredentials } = await import("./tenant-credentials.ts");
    const { tenantScopedClient } = await import("@medloop/shared/db/client");
    const { withActor } = await import("@medloop/shared");
    expect(
      useTenantScopedCredentials({
        TENANT_DATA_ROLE_ARN: "arn:aws:iam::1:role/tenant-data",
        MEDLOOP_TABLE_ARN: "arn:table",
      }),
    ).toBe(true);
    const { GetCommand } = await import("@aws-sdk/lib-dynamodb");
    // The DynamoDB call itself fails (no AWS here); what matters is which credentials it asked for.
    for (let i = 0; i < 2; i++) {
      await withActor({ type: "system", tenantId: "acme-med", name: "t" }, () =>
        tenantScopedClient
          .send(new GetCommand({ TableName: "medloop", Key: { pk: "x", sk: "y" } }))
          .catch(() => undefined),
      );
    }
    const calls = sts.commandCalls(AssumeRoleCommand);
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.args[0].input.Policy!)).toEqual(tenantSessionPolicy("arn:table", "acme-med"));
    expect(calls[0]!.args[0].input.Tags).toEqual([{ Key: "medloop-tenant", Value: "acme-med" }]);
    sts.restore();
    const { configureDb, clientFromEnv } = await import("@medloop/shared/db/client");
    const local = clientFromEnv();
    configureDb(() => local);
  });
});
