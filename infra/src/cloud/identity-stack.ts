import { Annotations, CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { Auth } from "./auth.ts";
import type { HandlerPlatform } from "./handler-function.ts";

export interface IdentityStackProps extends StackProps {
  platform: HandlerPlatform;
  /** The portal's public URLs (from the `medloop:webDomain` context); without them nobody can sign in. */
  portalUrls: readonly string[];
}

/**
 * Who may sign in: the Cognito user pool, the portal's client and the pre-token trigger. A stack of
 * its own because both the API (its JWT authoriser) and the events stack (the directory sync that
 * keeps the pool in step with the users table) depend on it.
 */
export class IdentityStack extends Stack {
  readonly auth: Auth;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    this.auth = new Auth(this, "Auth", { platform: props.platform, portalUrls: props.portalUrls });
    if (!props.portalUrls.length) {
      Annotations.of(this).addWarningV2(
        "medloop:no-portal-domain",
        "No medloop:webDomain context: the portal client has no callback URL, so nobody can sign in through the portal.",
      );
    }
    new CfnOutput(this, "UserPoolId", { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, "SignInDomain", { value: this.auth.domain.baseUrl() });
  }
}
