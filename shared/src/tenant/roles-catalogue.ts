import { useActor } from "./context.ts";
import { RolesByKind } from "./schema.ts";
import { getTenant } from "./tenants.ts";

/** The roles a user of the ambient tenant can be given (SEC-2). */
export async function listRoles() {
  const actor = useActor();
  const kind = actor.type === "user" ? actor.tenantKind : (await getTenant()).kind;
  return { kind, roles: [...RolesByKind[kind]] };
}
