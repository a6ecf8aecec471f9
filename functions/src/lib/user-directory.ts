import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from "@aws-sdk/client-cognito-identity-provider";
import type { TenantKind, TenantSchema } from "@medloop/shared";

/**
 * Makes the Cognito user pool say what the users table says about one user. The table is the
 * record (the admin routes write it, with audit and events); Cognito is where that user signs in
 * in AWS. The sync is by state, not by replaying the event: it reads the user as it is now and
 * makes Cognito match, so events arriving twice or out of order (EventBridge promises neither
 * once nor order) still end in the right state.
 *
 * - Cognito username = MedLoop user id: immutable, never reused; the pre-token trigger hands it
 *   to the API as the `uid` claim.
 * - Sign-in name (`preferred_username` alias) = `<tenantId>:<email>`: an email is unique only
 *   within its organisation (SEC-1), and the login form asks for both.
 * - A new user gets Cognito's invitation email with a temporary password, then sets their own
 *   password and TOTP at first sign-in; the initial password given to the API serves the local
 *   platform only, so no password travels through events.
 * - Disabling also signs the user out everywhere (refresh tokens revoked).
 */
export const signInName = (tenantId: string, email: string) => `${tenantId}:${email.toLowerCase()}`;

export type DirectoryUser = Pick<TenantSchema.Info, "userId" | "tenantId" | "email" | "roles" | "status">;

export type SyncAction = "created" | "roles" | "disabled" | "enabled";

const attributesOf = (user: DirectoryUser, kind: TenantKind): AttributeType[] => [
  { Name: "email", Value: user.email },
  { Name: "email_verified", Value: "true" },
  { Name: "preferred_username", Value: signInName(user.tenantId, user.email) },
  { Name: "custom:tenantId", Value: user.tenantId },
  { Name: "custom:tenantKind", Value: kind },
  { Name: "custom:roles", Value: [...user.roles].sort().join(" ") },
];

async function current(cognito: CognitoIdentityProviderClient, poolId: string, username: string) {
  try {
    const got = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    const attrs = Object.fromEntries((got.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    return { enabled: got.Enabled !== false, roles: attrs["custom:roles"] ?? "" };
  } catch (error) {
    if (error instanceof UserNotFoundException) return undefined;
    throw error;
  }
}

export async function syncUser(
  cognito: CognitoIdentityProviderClient,
  poolId: string,
  user: DirectoryUser,
  kind: TenantKind,
): Promise<SyncAction[]> {
  const username = user.userId;
  const actions: SyncAction[] = [];
  let now = await current(cognito, poolId, username);
  if (!now) {
    try {
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: username,
          UserAttributes: attributesOf(user, kind),
          DesiredDeliveryMediums: ["EMAIL"],
        }),
      );
      actions.push("created");
    } catch (error) {
      // Another delivery of an event for this user created it first: carry on from its state.
      if (!(error instanceof UsernameExistsException)) throw error;
    }
    now = (await current(cognito, poolId, username)) ?? { enabled: true, roles: "" };
  }
  const roles = [...user.roles].sort().join(" ");
  if (now.roles !== roles) {
    await cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: username,
        UserAttributes: [{ Name: "custom:roles", Value: roles }],
      }),
    );
    if (!actions.includes("created")) actions.push("roles");
  }
  if (user.status === "disabled" && now.enabled) {
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: username }));
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: username }));
    actions.push("disabled");
  } else if (user.status === "active" && !now.enabled) {
    await cognito.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: username }));
    actions.push("enabled");
  }
  return actions;
}
