import {
  AdminInitiateAuthCommand,
  CognitoIdentityProviderClient,
  NotAuthorizedException,
  UserNotFoundException,
} from "@aws-sdk/client-cognito-identity-provider";
import { configurePasswordCheck, type PasswordCheck } from "@medloop/shared";

/**
 * In AWS the password a signer re-enters is Cognito's: the signing client allows only
 * ADMIN_USER_PASSWORD_AUTH, used by these handlers and nobody else. A correct password either
 * signs in or, for a user with TOTP, is answered with the MFA challenge — Cognito asks for the
 * second factor only after the password matched, so both mean "this is the user's password".
 * The tokens it returns are dropped: signing is not a sign-in.
 */
export function cognitoPasswordCheck(
  cognito: CognitoIdentityProviderClient,
  poolId: string,
  clientId: string,
): PasswordCheck {
  return {
    async verify({ userId }, password) {
      try {
        const out = await cognito.send(
          new AdminInitiateAuthCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: userId, PASSWORD: password },
          }),
        );
        return Boolean(out.AuthenticationResult) || ["SOFTWARE_TOKEN_MFA", "SMS_MFA"].includes(out.ChallengeName ?? "");
      } catch (error) {
        if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException) return false;
        throw error;
      }
    },
  };
}

/**
 * Called at load by the handlers of routes that declare `signs`: with the signing client's ids
 * set (AWS) passwords are checked by Cognito; without them (local platform) by the users table.
 */
export function configureSigning(): void {
  const poolId = process.env.SIGNING_USER_POOL_ID;
  const clientId = process.env.SIGNING_CLIENT_ID;
  if (poolId && clientId)
    configurePasswordCheck(cognitoPasswordCheck(new CognitoIdentityProviderClient({}), poolId, clientId));
}
