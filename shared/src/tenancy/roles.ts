import { z } from "zod";

/** SEC-1: the three kinds of tenant, plus the platform operator that owns cross-tenant directories. */
export const TenantKind = z.enum(["manufacturer", "hospital", "partner"]);
export type TenantKind = z.infer<typeof TenantKind>;

/** SEC-2: roles per tenant kind. Routes declare which of these they allow (least privilege). */
export const RolesByKind = {
  manufacturer: [
    "admin",
    "planner",
    "buyer",
    "warehouse",
    "operator",
    "qc-inspector",
    "quality-engineer",
    "service-manager",
    "sales",
  ],
  hospital: ["admin", "biomed-engineer", "ward-user"],
  partner: ["admin", "dispatcher", "field-engineer"],
} as const satisfies Record<TenantKind, readonly string[]>;

export type ManufacturerRole = (typeof RolesByKind.manufacturer)[number];
export type HospitalRole = (typeof RolesByKind.hospital)[number];
export type PartnerRole = (typeof RolesByKind.partner)[number];
export type Role = ManufacturerRole | HospitalRole | PartnerRole;

export const Role = z.enum([
  ...new Set([...RolesByKind.manufacturer, ...RolesByKind.hospital, ...RolesByKind.partner]),
] as [Role, ...Role[]]);

/** A role grant scoped to a tenant kind: `{ kind: "hospital", role: "admin" }` is not a manufacturer admin. */
export interface RoleGrant {
  kind: TenantKind;
  role: Role;
}

export const rolesOf = (kind: TenantKind): readonly Role[] => RolesByKind[kind];
export const isRoleOfKind = (kind: TenantKind, role: string): role is Role =>
  (RolesByKind[kind] as readonly string[]).includes(role);
