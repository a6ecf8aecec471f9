import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";
import { nowIso } from "../ports/clock.ts";

const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

/** A tenant: a manufacturer, a hospital or a service partner. Its id is its login slug. */
export const TenantEntity = defineEntity({
  model: model("tenant"),
  attributes: {
    ...changeAttributes,
    name: { type: "string", required: true },
    kind: { type: ["manufacturer", "hospital", "partner"] as const, required: true, readOnly: true },
    status: { type: ["active", "suspended"] as const, required: true, default: "active" },
    defaultLocale: { type: ["en", "zh"] as const, required: true, default: "en" },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("tenant"), casing: "none" },
      sk: { field: "sk", composite: [], template: "tenant", casing: "none" },
    },
  },
});

/** A user of one tenant. All users of a tenant share one item collection: the admin page lists them. */
export const UserEntity = defineEntity({
  model: model("user"),
  attributes: {
    ...changeAttributes,
    userId: { type: "string", required: true, readOnly: true },
    email: { type: "string", required: true, readOnly: true },
    name: { type: "string", required: true },
    roles: { type: "set", items: "string", required: true },
    status: { type: ["active", "disabled"] as const, required: true, default: "active" },
    locale: { type: ["en", "zh"] as const, required: true, default: "en" },
    // Never leaves the domain: `toUser` drops it.
    passwordHash: { type: "string", required: true },
    createdAt: { type: "string", required: true, readOnly: true, default: () => nowIso() },
  },
  indexes: {
    // Users of a tenant, by id
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("users"), casing: "none" },
      sk: { field: "sk", composite: ["userId"], template: "user#${userId}", casing: "none" },
    },
  },
});

/** Uniqueness of an email within a tenant, and the login lookup from email to user id. */
export const UserEmailEntity = defineEntity({
  model: model("userEmail"),
  attributes: {
    // Audited like every record a person changes: an edit outside the API shows as unattributed.
    ...changeAttributes,
    email: { type: "string", required: true, readOnly: true },
    userId: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byEmail: {
      pk: { field: "pk", composite: ["tenantId", "email"], template: tenantKey("email#${email}"), casing: "none" },
      sk: { field: "sk", composite: [], template: "email", casing: "none" },
    },
  },
});

/**
 * Failed password checks (sign-in and signature re-authentication) of one user — `scope` is
 * `user#<userId>` — or of the whole organisation — `scope` is `org`, a spray over many emails — in
 * the current window, and the lock they led to. On the audit trail: every failure and every unlock is.
 */
export const SignInFailuresEntity = defineEntity({
  model: model("signInFailures"),
  attributes: {
    ...changeAttributes,
    scope: { type: "string", required: true, readOnly: true },
    failures: { type: "number", required: true },
    windowStartedAt: { type: "string", required: true },
    lockedUntil: { type: "string" },
  },
  indexes: {
    byScope: {
      // One partition per tenant: the admin's user list reads every lock in one query.
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("sign-in"), casing: "none" },
      sk: { field: "sk", composite: ["scope"], template: "failures#${scope}", casing: "none" },
    },
  },
});

/** A security alert for the organisation's admins (21 CFR 11.300(d)): newest first by time. */
export const SecurityAlertEntity = defineEntity({
  model: model("securityAlert"),
  attributes: {
    ...changeAttributes,
    alertId: { type: "string", required: true, readOnly: true },
    at: { type: "string", required: true, readOnly: true },
    kind: { type: ["account-locked", "sign-in-spray"] as const, required: true, readOnly: true },
    userId: { type: "string", readOnly: true },
    email: { type: "string", readOnly: true },
    failures: { type: "number", required: true, readOnly: true },
    message: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byTime: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("security-alerts"), casing: "none" },
      sk: { field: "sk", composite: ["at", "alertId"], template: "at#${at}#${alertId}", casing: "none" },
    },
  },
});
