import { type RolesByKind, type TenantKind, Users, withActor } from "@medloop/shared";

/** Every demo user's password; signatures in the seed re-enter it as a user would. */
export const DEMO_PASSWORD = "medloop-demo-2026";

/**
 * The demo seed does the shop floor's work as the people who would: the planner releases orders,
 * the operator issues and reports, quality signs, a hospital's biomed engineer reports and
 * acknowledges. Their user ids stand in the records, and a signature (release, receipt override,
 * acknowledgement) needs a user who holds the role.
 */
export async function demoUsers<K extends TenantKind = "manufacturer">(
  tenantId: string,
  tenantKind: K = "manufacturer" as K,
) {
  const users = await withActor({ type: "system", tenantId, tenantKind, name: "demo-seed" }, () => Users.list());
  return <T>(role: (typeof RolesByKind)[K][number], f: () => Promise<T>): Promise<T> => {
    const u = users.find((x) => x.email === `${role}@${tenantId}.test`);
    if (!u) throw new Error(`The demo seed needs the ${role} user of ${tenantId}`);
    const actor = { type: "user" as const, tenantId, tenantKind, userId: u.userId };
    return withActor({ ...actor, email: u.email, roles: [role] }, f);
  };
}
export type AsDemoUser = Awaited<ReturnType<typeof demoUsers<"manufacturer">>>;
