import { z } from "zod";
import { secret } from "../util/text.ts";

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

export const Locale = z.enum(["en", "zh"]);
export const TenantId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, "lowercase letters, digits and dashes, 3 to 40 characters");

/** A user as every caller sees it: the password hash never leaves the domain. */
export const Info = z.object({
  userId: z.string(),
  tenantId: z.string(),
  email: z.email(),
  name: z.string().min(1).max(120),
  roles: z.array(Role),
  status: z.enum(["active", "disabled"]),
  /** Set while too many wrong passwords lock the account (an admin may lift it earlier). */
  lockedUntil: z.string().optional(),
  locale: Locale,
  createdAt: z.string(),
  changedAt: z.string().optional(),
  changedBy: z.string().optional(),
});
export type Info = z.infer<typeof Info>;

/** Who a record's "by" names: the actor id it stores and the user's name, nothing more. */
export const Person = z.object({ actor: z.string(), name: z.string() });
export type Person = z.infer<typeof Person>;

export const TenantInfo = z.object({
  tenantId: TenantId,
  name: z.string().min(1).max(200),
  kind: TenantKind,
  status: z.enum(["active", "suspended"]),
  defaultLocale: Locale,
});
export type TenantInfo = z.infer<typeof TenantInfo>;

export const Password = secret(z.string().min(12, "at least 12 characters").max(200));
export const Reason = z.string().trim().min(3, "say why (at least 3 characters)").max(500);

/** The signed-in user, as the login route and `/v1/me` describe them. */
export const Principal = z.object({
  tenantId: z.string(),
  tenantKind: TenantKind,
  tenantName: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(Role),
  locale: Locale,
});
export type Principal = z.infer<typeof Principal>;

/**
 * A password login: the organisation (tenant id) names whose users the email is looked up in.
 * Unknown keys are dropped, not refused: sign-in forms post their own extras (csrf token, callback).
 */
export const LoginInput = z.object({
  tenant: z.string().trim().toLowerCase().min(1).max(40),
  email: z.string().trim().min(3).max(254),
  password: secret(z.string().min(1).max(200)),
});
export const LoginResult = z.object({ token: z.string(), expiresAt: z.string(), user: Principal });

/** A new user of the organisation: who, their roles, a first password and the language they read. */
export const CreateUserInput = Info.pick({ email: true, name: true, roles: true })
  .extend({ password: Password, locale: Locale.default("en") })
  .strict();
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const SecurityAlert = z.object({
  alertId: z.string(),
  at: z.string(),
  kind: z.enum(["account-locked", "sign-in-spray"]),
  userId: z.string().optional(),
  email: z.string().optional(),
  failures: z.number(),
  message: z.string(),
});
export type SecurityAlert = z.infer<typeof SecurityAlert>;
