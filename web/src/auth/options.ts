import "server-only";
import type { AuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/env";
import { ApiError, publicApi } from "@/server/api";
import { LoginInput } from "@/server/schemas";

/** Matches the API token's lifetime; `auth()` also checks the token's own `expiresAt`. */
export const SESSION_SECONDS = 60 * 60;

/**
 * next-auth v4 with one credentials provider that signs in against the MedLoop API. The API token
 * and the principal live in the encrypted JWT cookie; the `session` callback hands the browser only
 * a name and email, so the bearer token never reaches client code.
 */
export function authOptions(): AuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
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
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
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
