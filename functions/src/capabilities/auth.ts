import { patternFor, Role, TenantEvents, TenantSchema } from "@medloop/shared";
import { defineCapability, route } from "../declaration/types.ts";

export const ANY_ROLE = Role.options;

export const routes = {
  login: route({
    method: "POST",
    path: "/v1/auth/login",
    handler: "http/auth/login",
    summary: "Sign in with organisation, email and password; returns a bearer token (local platform)",
    roles: "public",
    // In AWS, people sign in through Cognito's managed login (password and TOTP), never through our code.
    runsOn: "local",
    request: { body: TenantSchema.LoginInput },
    response: TenantSchema.LoginResult,
  }),
  me: route({
    method: "GET",
    path: "/v1/me",
    handler: "http/auth/me",
    summary: "The signed-in user, their organisation and roles",
    roles: ANY_ROLE,
    response: TenantSchema.Principal,
  }),
};

export const auth = defineCapability({
  name: "auth",
  spec: ["SEC-1", "SEC-2"],
  routes: Object.values(routes),
  subscriptions: [
    {
      name: "identity-directory",
      handler: "subscriptions/identity-directory",
      pattern: patternFor(
        TenantEvents.UserCreated,
        TenantEvents.UserDisabled,
        TenantEvents.UserEnabled,
        TenantEvents.UserRolesChanged,
      ),
      description:
        "Keeps each user's Cognito account (sign-in name, tenant, roles, enabled) in step with the users table",
      runsOn: "cloud",
      needs: ["user-directory"],
    },
  ],
});
