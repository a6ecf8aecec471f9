import { type ManufacturerRole, Users, withActor } from "@medloop/shared";

/** Every demo user's password; signatures in the seed re-enter it as a user would. */
export const DEMO_PASSWORD = "medloop-demo-2026";

/**
 * The demo seed does the shop floor's work as the people who would: the planner releases orders,
 * the operator issues and reports, quality signs. Their user ids stand in the records, and a
 * signature (release, receipt override) needs a user who holds the role.
 */
export async function demoUsers(tenantId: string) {
  const users = await Users.list();
  return <T>(role: ManufacturerRole, f: () => Promise<T>): Promise<T> => {
    const u = users.find((x) => x.email === `${role}@${tenantId}.test`);
    if (!u) throw new Error(`The demo seed needs the ${role} user of ${tenantId}`);
    const actor = { type: "user" as const, tenantId, tenantKind: "manufacturer" as const, userId: u.userId };
    return withActor({ ...actor, email: u.email, roles: [role] }, f);
  };
}
export type AsDemoUser = Awaited<ReturnType<typeof demoUsers>>;
