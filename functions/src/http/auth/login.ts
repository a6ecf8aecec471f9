import { Auth, withActor } from "@medloop/shared";
import { routes } from "../../capabilities/auth.ts";
import { withHttp } from "../../lib/http.ts";
import { issueToken } from "../../lib/token-issuer.ts";

// Public route: the tenant named in the form becomes the (system) scope of the password check.
export const handler = withHttp(routes.login, async ({ body }) => {
  const tenantId = body.tenant;
  const user = await withActor({ type: "system", tenantId, name: "login" }, () =>
    Auth.authenticate({ email: body.email, password: body.password }),
  );
  return { ...(await issueToken(user)), user };
});
