export * as Auth from "./auth.ts";
export * as TenantEvents from "./events.ts";
export { hashPassword, verifyPassword } from "./password.ts";
export { listRoles } from "./roles-catalogue.ts";
export * as TenantSchema from "./schema.ts";
export * as Tenants from "./tenants.ts";
export * as Users from "./users.ts";
