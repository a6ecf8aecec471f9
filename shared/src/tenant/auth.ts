import { z } from "zod";
import { Db } from "../db/service.ts";
import { unauthorized } from "../errors/index.ts";
import { fn } from "../util/fn.ts";
import { useTenantId } from "./context.ts";
import { decoyHash, verifyPassword } from "./password.ts";
import type { Principal, Role } from "./schema.ts";
import { getTenant } from "./tenants.ts";

export type { Principal };

const rejected = () => unauthorized("invalid-credentials", "Organisation, email or password is wrong");

/**
 * Check a password login for the ambient tenant (run as the system actor of the tenant named in
 * the login form). One answer for every failure, so the response never tells which part was wrong.
 */
export const authenticate = fn(
  z.object({ email: z.string().min(1), password: z.string().min(1) }),
  async ({ email, password }): Promise<Principal> => {
    const tenantId = useTenantId();
    const tenant = await getTenant().catch(() => undefined);
    const { data: entry } = await Db.entities.userEmail.get({ tenantId, email: email.toLowerCase() }).go();
    const user = entry ? (await Db.entities.user.get({ tenantId, userId: entry.userId }).go()).data : null;
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (tenant?.status !== "active" || !user || !ok) throw rejected();
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
