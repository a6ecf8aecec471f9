import { z } from "zod";
import { Db } from "../db/service.ts";
import { unauthorized } from "../errors/index.ts";
import { fn } from "../util/fn.ts";
import { useTenantId } from "./context.ts";
import * as Lockout from "./lockout.ts";
import { decoyHash, verifyPassword } from "./password.ts";
import type { Principal, Role } from "./schema.ts";
import { getTenant } from "./tenants.ts";

export type { Principal };

const rejected = () => unauthorized("invalid-credentials", "Organisation, email or password is wrong");
export const locked = () =>
  unauthorized(
    "account-locked",
    "Too many wrong passwords: this account is locked for a while; ask your administrator",
  );

/**
 * Check a password login for the ambient tenant (run as the system actor of the tenant named in
 * the login form). One answer for every failure, so the response never tells which part was wrong.
 * A locked account is answered `account-locked` whether or not the password is right, so the lock
 * cannot be used to test passwords; wrong passwords count towards the lock (lockout.ts).
 */
export const authenticate = fn(
  z.object({ email: z.string().min(1), password: z.string().min(1) }),
  async ({ email, password }): Promise<Principal> => {
    const tenantId = useTenantId();
    const tenant = await getTenant().catch(() => undefined);
    const { data: entry } = await Db.entities.userEmail.get({ tenantId, email: email.toLowerCase() }).go();
    const user = entry ? (await Db.entities.user.get({ tenantId, userId: entry.userId }).go()).data : null;
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (tenant?.status !== "active") throw rejected();
    const lock = user ? await Lockout.state(user.userId) : undefined;
    if (lock?.lockedUntil) throw locked();
    if (!user || !ok) {
      await Lockout.recordFailure(user ? { userId: user.userId, email: user.email } : undefined);
      throw rejected();
    }
    if (lock?.failures) await Lockout.clear(user.userId);
    if (user.status !== "active")
      throw unauthorized("user-disabled", "This account is disabled; ask your administrator");
    return {
      tenantId,
      tenantKind: tenant.kind,
      tenantName: tenant.name,
      userId: user.userId,
      email: user.email,
      name: user.name,
      roles: [...user.roles] as Role[],
      locale: user.locale,
    };
  },
);
