import { Auth, Tenants, Users, useActor, withActor } from "@medloop/shared";
import { auth } from "@medloop/shared/contracts/auth";
import { implement } from "../lib/implement.ts";
import { issueToken } from "../lib/token-issuer.ts";

// Public route: the tenant named in the form becomes the (system) scope of the password check.

export const handler = implement(auth.resources.auth, {
  login: async ({ body }) => {
    const tenantId = body.tenant;
    const user = await withActor({ type: "system", tenantId, name: "login" }, () =>
      Auth.authenticate({ email: body.email, password: body.password }),
    );
    return { ...(await issueToken(user)), user };
  },
  me: async () => {
    const actor = useActor();
    if (actor.type !== "user") throw new Error("me is only for signed-in users");
    const [tenant, user] = await Promise.all([Tenants.getTenant(), Users.get({ userId: actor.userId })]);
    return { ...user, tenantKind: tenant.kind, tenantName: tenant.name };
  },
});
