import { MAX_TOKEN_LIFETIME_SECONDS } from "@medloop/functions/lib/token-issuer";
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { PRE_TOKEN_HANDLER } from "../src/cloud/auth.ts";
import { prebundleHandlers } from "../src/cloud/bundling.ts";
import { newObserved } from "../src/cloud/common.ts";
import { IdentityStack } from "../src/cloud/identity-stack.ts";

/** The portal's sign-in through Cognito's managed login, with and without the portal's domain. */
const platform = {
  tableName: "t",
  tableArn: "arn:aws:dynamodb:eu-central-1:1:table/t",
  tenantDataRoleArn: "arn:r",
  auditAnchors: { bucketName: "anchors", keyArn: "arn:aws:kms:eu-central-1:1:key/anchors" },
};
const identity = (portalUrls: string[]) => {
  const app = new App();
  const stack = new IdentityStack(app, "Identity", {
    env: { account: "123456789012", region: "eu-central-1" },
    platform: { ...platform, observed: newObserved() },
    portalUrls,
  });
  return { stack, template: Template.fromStack(stack) };
};

describe("identity stack", () => {
  beforeAll(() => prebundleHandlers([PRE_TOKEN_HANDLER]), 120_000);

  it("lets the portal sign people in by the code flow with PKCE, back to its own domain only", () => {
    const { template } = identity(["https://portal.medloop.example"]);
    template.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(["openid", "email"]),
      CallbackURLs: ["https://portal.medloop.example/api/auth/callback/cognito"],
      GenerateSecret: false,
    });
    template.hasResourceProperties("AWS::Cognito::UserPoolDomain", { Domain: "medloop-123456789012" });
  });

  it("without a portal domain enables no OAuth flow, and says so at synth", () => {
    const { stack, template } = identity([]);
    const client = Object.values(template.findResources("AWS::Cognito::UserPoolClient"))[0]!;
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(client.Properties.CallbackURLs).toBeUndefined();
    const warnings = stack.node.metadata.filter((m) => m.type === "aws:cdk:warning").map((m) => String(m.data));
    expect(warnings.join("\n")).toMatch(/nobody can sign in through the portal/);
  });

  it("bounds every client's token lifetime within the gateway's maximum (the JWT authoriser requires exp)", () => {
    const { template } = identity(["https://portal.medloop.example"]);
    const clients = Object.values(template.findResources("AWS::Cognito::UserPoolClient"));
    expect(clients.length).toBeGreaterThan(0);
    for (const { Properties: c } of clients) {
      expect(c.TokenValidityUnits).toMatchObject({ AccessToken: "minutes", IdToken: "minutes" });
      expect(c.AccessTokenValidity * 60).toBeLessThanOrEqual(MAX_TOKEN_LIFETIME_SECONDS);
      expect(c.IdTokenValidity * 60).toBeLessThanOrEqual(MAX_TOKEN_LIFETIME_SECONDS);
    }
  });
});
