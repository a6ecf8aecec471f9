import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  createLocalJWKSet,
  errors,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
} from "jose";

/**
 * The local token issuer's signing key (ES256) and the portal's session secret. Its public half is served as a JWKS, and the
 * gateway verifies tokens against it exactly as the HTTP API JWT authoriser verifies Cognito's.
 * Kept in the data folder so tokens survive a restart of `npm start`.
 */
export interface SigningKeys {
  kid: string;
  /** Encrypts the portal's session cookie (next-auth); never leaves this machine. */
  sessionSecret: string;
  privatePem: string;
  publicJwk: JWK;
}

export async function loadOrCreateKeys(dir?: string): Promise<SigningKeys> {
  const file = dir ? join(dir, "jwt-signing-key.json") : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as SigningKeys;
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = randomUUID();
  const keys: SigningKeys = {
    kid,
    sessionSecret: randomBytes(32).toString("base64url"),
    privatePem: await exportPKCS8(privateKey),
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" },
  };
  if (dir && file) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  }
  return keys;
}

/**
 * Verifies a bearer token (signature, issuer, audience, expiry). `exp` and `iat` are required and the
 * token may not claim a life longer than `maxLifetimeSeconds`: without them a correctly signed token
 * would be good forever (issue 12, finding 4). An ES256 check costs about half a
 * millisecond here, several times the rest of the gateway's work, so a verified token's claims are
 * remembered until the token expires: the same token string under the same key verifies the same way.
 */
export function tokenVerifier(
  keys: SigningKeys,
  issuer: string,
  audience: string,
  maxLifetimeSeconds: number,
  cacheSize = 1000,
) {
  const jwks = createLocalJWKSet({ keys: [keys.publicJwk] });
  const verified = new Map<string, JWTPayload>();
  const verify = async (token: string): Promise<JWTPayload> => {
    const { payload } = await jwtVerify(token, jwks, {
      issuer,
      audience,
      algorithms: ["ES256"],
      requiredClaims: ["exp", "iat"],
    });
    if (payload.exp! - payload.iat! > maxLifetimeSeconds) {
      throw new errors.JWTClaimValidationFailed(
        "the token claims a longer life than allowed",
        payload,
        "exp",
        "check_failed",
      );
    }
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value!);
    verified.set(token, payload);
    return payload;
  };
  // A remembered token is answered synchronously: the gateway's hot path then has no await before the handler.
  return (token: string): JWTPayload | Promise<JWTPayload> => {
    const hit = verified.get(token);
    if (hit && (hit.exp ?? 0) * 1000 > Date.now()) return hit;
    verified.delete(token);
    return verify(token);
  };
}
