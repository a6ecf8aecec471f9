import type { RouteContract } from "@medloop/shared/contracts/route";
import type { Principal } from "./schemas";

/**
 * Whether the API would let this user call a route — its tenant kinds and roles, read from the
 * route's contract. The portal only hides what the API would refuse; the API decides.
 */
export const mayCall = (user: Pick<Principal, "tenantKind" | "roles">, route: RouteContract) =>
  route.roles === "public" ||
  ((!route.kinds || route.kinds.includes(user.tenantKind)) &&
    user.roles.some((r) => (route.roles as readonly string[]).includes(r)));
