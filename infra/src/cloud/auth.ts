import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolOperation,
} from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { HandlerFunction, type HandlerPlatform } from "./handler-function.ts";

/** Cognito custom attributes (`custom:<name>`) the pre-token trigger turns into token claims. */
export const TenantAttributes = { tenantId: "tenantId", tenantKind: "tenantKind", roles: "roles" } as const;

/** The pre-token-generation trigger module (functions/src/auth/pre-token.ts). */
export const PRE_TOKEN_HANDLER = "auth/pre-token";

export interface AuthProps {
  platform: HandlerPlatform;
  /** Where the portal is served (`https://portal.example.com`); its next-auth callback is allowed. */
  portalUrls: readonly string[];
}

/** next-auth's callback path for the provider the portal names `cognito` (web/src/auth/options.ts). */
export const PORTAL_CALLBACK_PATH = "/api/auth/callback/cognito";

/**
 * The identity provider of the cloud deployment. The HTTP API's JWT authoriser trusts this pool;
 * the pre-token-generation trigger (V2, so access tokens carry them too) adds the claims the handlers
 * read — `tid`, `tkind`, `roles` (space-separated) — next to Cognito's own `sub` and `email`, the same
 * claims the local issuer signs (functions/src/lib/claims.ts).
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** Server-side client for electronic signatures: re-checks a signer's password, signs nobody in. */
  readonly signingClient: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, "UserPool", {
      selfSignUpEnabled: false,
      // The username is the MedLoop user id (immutable, never reused). Emails are unique per
      // tenant, not platform-wide (SEC-1), so people sign in with `<tenantId>:<email>`, kept in
      // `preferred_username` by the directory sync (functions/src/lib/user-directory.ts).
      // Aliases cannot be changed after creation.
      signInAliases: { username: true, preferredUsername: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      autoVerify: { email: true },
      // One pool serves all tenants; a user's tenant is fixed at creation.
      customAttributes: {
        [TenantAttributes.tenantId]: new StringAttribute({ minLen: 3, maxLen: 40, mutable: false }),
        [TenantAttributes.tenantKind]: new StringAttribute({ minLen: 1, maxLen: 20, mutable: false }),
        [TenantAttributes.roles]: new StringAttribute({ minLen: 0, maxLen: 512, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Staff of hospitals and manufacturers reach records about patients' devices: TOTP is mandatory.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Users may edit their name and locale, never their tenant or roles (an admin route does that).
    const writable = new ClientAttributes().withStandardAttributes({ fullname: true, locale: true });
    // Cognito's managed login: it asks for the password and the TOTP code, so no password of a
    // cloud user ever passes through MedLoop's code. The prefix carries the account id, which
    // makes it unique in the region as Cognito requires.
    this.domain = this.userPool.addDomain("Login", {
      cognitoDomain: { domainPrefix: `medloop-${Stack.of(this).account}` },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.client = this.userPool.addClient("PortalClient", {
      authFlows: { userSrp: true },
      // The portal is a public client: the authorisation-code flow with PKCE, no secret to keep.
      generateSecret: false,
      // No portal URL, no OAuth flow: Cognito would otherwise need a callback to somewhere.
      oAuth: props.portalUrls.length
        ? {
            flows: { authorizationCodeGrant: true },
            scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
            callbackUrls: props.portalUrls.map((u) => `${u}${PORTAL_CALLBACK_PATH}`),
            logoutUrls: props.portalUrls.map((u) => `${u}/login`),
          }
        : { flows: {} },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      writeAttributes: writable,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });

    this.signingClient = this.userPool.addClient("SigningClient", {
      // Only AdminInitiateAuth, callable with IAM credentials alone: no browser ever uses it.
      authFlows: { adminUserPassword: true },
      generateSecret: false,
      oAuth: { flows: {} },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      writeAttributes: writable,
      // The tokens a signature check gets are dropped; keep them as short-lived as Cognito allows.
      accessTokenValidity: Duration.minutes(5),
      idTokenValidity: Duration.minutes(5),
      refreshTokenValidity: Duration.hours(1),
      enableTokenRevocation: true,
    });

    const trigger = HandlerFunction.for(this, {
      handler: PRE_TOKEN_HANDLER,
      description: "Cognito pre-token-generation: adds tid, tkind and roles claims",
      kind: "trigger",
      platform: props.platform,
      tenantData: false,
    });
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, trigger.fn, LambdaVersion.V2_0);
  }
}
