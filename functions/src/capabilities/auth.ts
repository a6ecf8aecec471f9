import { Role, TenantKind, TenantSchema } from "@medloop/shared";
import { z } from "zod";
import { defineCapability, route } from "../declaration/types.ts";

export const ANY_ROLE = Role.options;

export const Principal = z.object({
  tenantId: z.string(),
  tenantKind: TenantKind,
  tenantName: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(Role),
  locale: TenantSchema.Locale,
});

export const routes = {
  login: route({
    method: "POST",
    path: "/v1/auth/login",
    handler: "http/auth/login",
    summary: "Sign in with organisation, email and password; returns a bearer token",
    roles: "public",
    request: {
      body: z
        .object({
          tenant: z.string().min(1).max(40),
          email: z.string().min(3).max(254),
          password: z.string().min(1).max(200),
        })
        .strict(),
    },
    response: z.object({ token: z.string(), expiresAt: z.string(), user: Principal }),
  }),
  me: route({
    method: "GET",
    path: "/v1/me",
    handler: "http/auth/me",
    summary: "The signed-in user, their organisation and roles",
    roles: ANY_ROLE,
    response: Principal,
  }),
};

export const auth = defineCapability({ name: "auth", spec: ["SEC-1", "SEC-2"], routes: Object.values(routes) });
