import { Tenants, Users, useActor } from "@medloop/shared";
import { routes } from "../../capabilities/auth.ts";
import { withHttp } from "../../lib/http.ts";

export const handler = withHttp(routes.me, async () => {
  const actor = useActor();
  if (actor.type !== "user") throw new Error("me is only for signed-in users");
  const [tenant, user] = await Promise.all([Tenants.getTenant(), Users.get({ userId: actor.userId })]);
  return { ...user, tenantKind: tenant.kind, tenantName: tenant.name };
});
