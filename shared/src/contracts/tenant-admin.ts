import { z } from "zod";
import * as TenantSchema from "../tenant/schema.ts";
import { Role, TenantKind } from "../tenant/schema.ts";
import * as LinkSchema from "../tenant-link/schema.ts";
import { ANY_ROLE } from "./auth.ts";
import { capability, route } from "./route.ts";

const UserParams = z.object({ userId: z.uuid() });
const admin = ["admin"] as const;
const LinkParams = LinkSchema.PartnerKey;

export const tenantAdmin = capability({
  name: "tenant-admin",
  spec: ["SEC-1", "SEC-2", "SEC-3"],
  resources: {
    users: {
      listUsers: route({
        method: "GET",
        path: "/v1/users",
        summary: "List the users of your organisation",
        roles: admin,
        response: z.object({ items: z.array(TenantSchema.Info) }),
        sensitive: true,
      }),
      createUser: route({
        method: "POST",
        path: "/v1/users",
        errors: { 409: ["email-taken"], 422: ["role-not-of-tenant-kind"] },
        summary: "Create a user with roles and an initial password",
        roles: admin,
        request: { body: TenantSchema.CreateUserInput },
        response: TenantSchema.Info,
        status: 201,
        idempotent: true,
      }),
      getUser: route({
        method: "GET",
        path: "/v1/users/{userId}",
        errors: { 404: ["user-not-found"] },
        summary: "One user",
        roles: admin,
        request: { params: UserParams },
        response: TenantSchema.Info,
        sensitive: true,
      }),
      disableUser: route({
        method: "POST",
        path: "/v1/users/{userId}/disable",
        errors: { 404: ["user-not-found"] },
        summary: "Disable a user (they can no longer sign in); a reason is required",
        roles: admin,
        request: { params: UserParams, body: z.object({ reason: TenantSchema.Reason }).strict() },
        response: TenantSchema.Info,
      }),
      enableUser: route({
        method: "POST",
        path: "/v1/users/{userId}/enable",
        errors: { 404: ["user-not-found"] },
        summary: "Enable a disabled user",
        roles: admin,
        request: { params: UserParams, body: z.object({ reason: TenantSchema.Reason.optional() }).strict().optional() },
        response: TenantSchema.Info,
      }),
      unlockUser: route({
        method: "POST",
        path: "/v1/users/{userId}/unlock",
        errors: { 404: ["user-not-found"] },
        summary: "Lift a lockout after too many wrong passwords before it ends by itself; a reason is required",
        roles: admin,
        request: { params: UserParams, body: z.object({ reason: TenantSchema.Reason }).strict() },
        response: TenantSchema.Info,
      }),
      assignRoles: route({
        method: "PUT",
        path: "/v1/users/{userId}/roles",
        errors: { 404: ["user-not-found"], 422: ["cannot-drop-own-admin", "role-not-of-tenant-kind"] },
        summary: "Replace a user's roles",
        roles: admin,
        request: {
          params: UserParams,
          body: z.object({ roles: z.array(Role).min(1), reason: TenantSchema.Reason.optional() }).strict(),
        },
        response: TenantSchema.Info,
      }),
    },
    securityAlerts: {
      listSecurityAlerts: route({
        method: "GET",
        path: "/v1/security-alerts",
        summary: "Attempts at unauthorised use (accounts locked, sign-in sprays), newest first",
        roles: admin,
        request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }) },
        response: z.object({ items: z.array(TenantSchema.SecurityAlert) }),
        sensitive: true,
      }),
    },
    tenantLinks: {
      listTenantLinks: route({
        method: "GET",
        path: "/v1/tenant-links",
        summary: "Your organisation's links with other organisations: partner, status, and who changed it when",
        roles: admin,
        response: z.object({ items: z.array(LinkSchema.TenantLink) }),
      }),
      inviteTenant: route({
        method: "POST",
        path: "/v1/tenant-links",
        errors: {
          404: ["partner-not-found"],
          409: ["link-exists", "concurrent-change"],
          422: ["partner-not-hospital", "link-to-self", "cannot-invite"],
        },
        summary: "Invite a hospital to link: once it accepts, your shipments reach its installed base",
        roles: admin,
        kinds: LinkSchema.INVITER_KINDS,
        request: { body: LinkSchema.InviteInput },
        response: LinkSchema.TenantLink,
        status: 201,
        idempotent: true,
      }),
      acceptTenantLink: route({
        method: "POST",
        path: "/v1/tenant-links/{partnerTenantId}/accept",
        errors: { 404: ["link-not-found"], 409: ["link-not-pending", "concurrent-change"], 422: ["own-invitation"] },
        summary: "Accept an invitation to link: the partner's shipments reach your installed base from now on",
        roles: admin,
        request: { params: LinkParams },
        response: LinkSchema.TenantLink,
      }),
      refuseTenantLink: route({
        method: "POST",
        path: "/v1/tenant-links/{partnerTenantId}/refuse",
        errors: { 404: ["link-not-found"], 409: ["link-not-pending", "concurrent-change"], 422: ["own-invitation"] },
        summary: "Refuse an invitation to link; a reason is required",
        roles: admin,
        request: { params: LinkParams, body: LinkSchema.DecisionReason },
        response: LinkSchema.TenantLink,
      }),
      revokeTenantLink: route({
        method: "POST",
        path: "/v1/tenant-links/{partnerTenantId}/revoke",
        errors: { 404: ["link-not-found"], 409: ["link-not-live", "concurrent-change"] },
        summary: "End a link or withdraw an invitation (either side): nothing new is shared; a reason is required",
        roles: admin,
        request: { params: LinkParams, body: LinkSchema.DecisionReason },
        response: LinkSchema.TenantLink,
      }),
    },
    people: {
      listPeople: route({
        method: "GET",
        path: "/v1/people",
        summary: "The names of your organisation's users, to show who did what (no e-mail, no roles)",
        roles: ANY_ROLE,
        response: z.object({ items: z.array(TenantSchema.Person) }),
      }),
    },
    roles: {
      listRoles: route({
        method: "GET",
        path: "/v1/roles",
        summary: "The roles your organisation's users can be given",
        roles: admin,
        response: z.object({ kind: TenantKind, roles: z.array(Role) }),
      }),
    },
  },
});
