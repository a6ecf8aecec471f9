import "server-only";
import type { AuthOptions } from "next-auth";
import Cognito from "next-auth/providers/cognito";
import Credentials from "next-auth/providers/credentials";
import { cognito, env } from "@/env";
import { ApiError, publicApi } from "@/server/api";
import { LoginInput } from "@/server/schemas";

/** Matches the API token's lifetime; `auth()` also checks the token's own `expiresAt`. */
export const SESSION_SECONDS = 60 * 60;

/**
 * next-auth v4 with one provider: locally, a credentials form that signs in against the platform's
 * login route; in AWS, Cognito's managed login (password and TOTP), an OpenID Connect code flow
 * with PKCE and no client secret, whose access token the API's JWT authoriser accepts. Either way
 * the API token and the principal live in the encrypted JWT cookie; the `session` callback hands
 * the browser only a name and email, so the bearer token never reaches client code.
 */
export function authOptions(): AuthOptions {
  const idp = cognito();
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [idp ? cognitoProvider(idp) : credentialsProvider()],
    callbacks: {
      async jwt({ token, user, account }) {
        if (account?.provider === COGNITO && account.access_token) {
          // Who the token says: the API reads its claims (tid, tkind, roles) and answers with the principal.
          token.principal = await publicApi.me(account.access_token);
          token.apiToken = account.access_token;
          token.expiresAt = new Date((account.expires_at ?? Date.now() / 1000 + SESSION_SECONDS) * 1000).toISOString();
        } else if (user) {
          token.principal = user.principal;
          token.apiToken = user.apiToken;
          token.expiresAt = user.expiresAt;
        }
        return token;
      },
      session({ session, token }) {
        return {
          expires: session.expires,
          user: { name: token.principal?.name ?? null, email: token.principal?.email ?? null },
        };
      },
    },
  };
}

export const COGNITO = "cognito";

const cognitoProvider = ({ issuer, clientId }: { issuer: string; clientId: string }) =>
  Cognito({
    id: COGNITO,
    clientId,
    clientSecret: "",
    issuer,
    client: { token_endpoint_auth_method: "none" },
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
  });

const credentialsProvider = () =>
  Credentials({
    id: "credentials",
    name: "MedLoop",
    credentials: {
      tenant: { label: "Organisation", type: "text" },
      email: { label: "Email", type: "email" },
      password: { label: "Password", type: "password" },
    },
    // A thrown error's message reaches the sign-in form as `error`: it is the API's code.
    async authorize(credentials) {
      const input = LoginInput.safeParse(credentials);
      if (!input.success) throw new Error("invalid-credentials");
      try {
        const { token, expiresAt, user } = await publicApi.login(input.data);
        return { id: user.userId, name: user.name, email: user.email, principal: user, apiToken: token, expiresAt };
      } catch (e) {
        throw new Error(e instanceof ApiError ? e.code : "api-unavailable");
      }
    },
  });
