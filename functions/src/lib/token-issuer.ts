import type { Auth } from "@medloop/shared";
import { importPKCS8, SignJWT } from "jose";
import { actorToClaims } from "./claims.ts";

/**
 * Issues the access token after a password login. The same claims come from Cognito in AWS
 * (see infra/src/cloud/auth.ts); the local platform signs with an ES256 key whose public half it
 * serves at /.well-known/jwks.json, so the gateway verifies exactly as the HTTP API JWT authoriser does.
 */
export const TOKEN_AUDIENCE = "medloop";
const TTL_SECONDS = 3600;
/**
 * The longest life a token may claim (`exp - iat`): the gateway refuses a token without `exp` or
 * with a longer one, so a leaked or forged-by-mistake token cannot live forever. Twelve hours is a
 * working day with margin; Cognito's clients issue 1 h (infra/src/cloud/auth.ts).
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

let key: Promise<CryptoKey> | undefined;

export async function issueToken(p: Auth.Principal): Promise<{ token: string; expiresAt: string }> {
  const pem = process.env.MEDLOOP_JWT_PRIVATE_KEY;
  const issuer = process.env.MEDLOOP_JWT_ISSUER;
  if (!pem || !issuer) throw new Error("MEDLOOP_JWT_PRIVATE_KEY and MEDLOOP_JWT_ISSUER must be set to issue tokens");
  key ??= importPKCS8(pem, "ES256");
  const exp = Math.floor(Date.now() / 1000) + TTL_SECONDS;
  const token = await new SignJWT({ ...actorToClaims(p), name: p.name })
    .setProtectedHeader({ alg: "ES256", kid: process.env.MEDLOOP_JWT_KID ?? "local" })
    .setIssuer(issuer)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(await key);
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}
