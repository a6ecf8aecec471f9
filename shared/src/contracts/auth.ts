import * as TenantSchema from "../tenant/schema.ts";
import { Role } from "../tenant/schema.ts";
import { capability, route } from "./route.ts";

export const ANY_ROLE = Role.options;

export const auth = capability({
  name: "auth",
  spec: ["SEC-1", "SEC-2"],
  resources: {
    auth: {
      login: route({
        method: "POST",
        path: "/v1/auth/login",
        errors: { 401: ["account-locked", "invalid-credentials", "user-disabled"] },
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
        summary: "The signed-in user, their organisation and roles",
        roles: ANY_ROLE,
        response: TenantSchema.Principal,
      }),
    },
  },
});
