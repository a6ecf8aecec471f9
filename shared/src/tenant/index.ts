export * as Auth from "./auth.ts";
export * from "./context.ts";
export * as TenantEvents from "./events.ts";
export { LOCKOUT } from "./lockout.ts";
export { hashPassword, verifyPassword } from "./password.ts";
export { listRoles } from "./roles-catalogue.ts";
export * as TenantSchema from "./schema.ts";
export {
  type HospitalRole,
  isRoleOfKind,
  type ManufacturerRole,
  type PartnerRole,
  Role,
  type RoleGrant,
  RolesByKind,
  rolesOf,
  TenantKind,
} from "./schema.ts";
export * as SecurityAlerts from "./security-alerts.ts";
export * as Tenants from "./tenants.ts";
export * as Users from "./users.ts";
