import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { cache } from "react";
import { z } from "zod";
import { env } from "@/env";
import { Principal, type Role } from "@/server/schemas";

const SessionToken = z.object({ principal: Principal, apiToken: z.string().min(1), expiresAt: z.string() });

export interface Session {
  user: Principal;
  /** The bearer token for the API; only `server/api.ts` reads it. */
  apiToken: string;
  expiresAt: string;
}

/** next-auth's cookie name; the `__Secure-` variant whenever the portal is served over https. */
const sessionCookieName = () =>
  env().NEXTAUTH_URL.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";

/**
 * The signed-in user of this request, or null — decoded from next-auth's encrypted cookie once per
 * request (`cache`). Large cookies are split into `.0`, `.1`… chunks by next-auth; they are joined.
 */
export const auth = cache(async (): Promise<Session | null> => {
  const jar = await cookies();
  const name = sessionCookieName();
  const chunks = jar
    .getAll()
    .filter((c) => c.name === name || c.name.startsWith(`${name}.`))
    .sort((a, b) => Number(a.name.split(".").pop()) - Number(b.name.split(".").pop()));
  if (!chunks.length) return null;
  const raw = chunks.map((c) => c.value).join("");
  const token = await decode({ token: raw, secret: env().NEXTAUTH_SECRET }).catch(() => null);
  const parsed = SessionToken.safeParse(token);
  if (!parsed.success) return null;
  if (!(Date.parse(parsed.data.expiresAt) > Date.now())) return null;
  return { user: parsed.data.principal, apiToken: parsed.data.apiToken, expiresAt: parsed.data.expiresAt };
});

/** The signed-in user, or a redirect to the sign-in page that comes back to `returnTo`. */
export async function requireUser(returnTo = "/"): Promise<Session> {
  const session = await auth();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return session;
}

/** The signed-in user holding `role`; anyone else gets the 403 page (`app/forbidden.tsx`). */
export async function requireRole(role: Role, returnTo: string): Promise<Session> {
  const session = await requireUser(returnTo);
  if (!session.user.roles.includes(role)) forbidden();
  return session;
}

/** A signed-in user of a manufacturer: master data and production are theirs alone (others get 403). */
export async function requireManufacturer(returnTo: string): Promise<Session> {
  const session = await requireUser(returnTo);
  if (session.user.tenantKind !== "manufacturer") forbidden();
  return session;
}
