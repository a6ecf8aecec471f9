/**
 * A valid request for every declared route, aimed at a victim's records. The security tests call
 * each route with these; a new route without a sample fails them, on purpose.
 */
export interface Victim {
  tenantId: string;
  userId: string;
  email: string;
}

type Sample = (v: Victim) => { params?: Record<string, string>; body?: unknown };

export const routeSamples: Record<string, Sample> = {
  "POST /v1/auth/login": () => ({
    body: { tenant: "acme-med", email: "admin@acme-med.test", password: "wrong-password" },
  }),
  "GET /v1/me": () => ({}),
  "GET /v1/users": () => ({}),
  "POST /v1/users": () => ({
    body: { email: `new-${Date.now()}@example.test`, name: "New", roles: ["admin"], password: "long enough password" },
  }),
  "GET /v1/users/{userId}": (v) => ({ params: { userId: v.userId } }),
  "POST /v1/users/{userId}/disable": (v) => ({ params: { userId: v.userId }, body: { reason: "security test" } }),
  "POST /v1/users/{userId}/enable": (v) => ({ params: { userId: v.userId }, body: {} }),
  "PUT /v1/users/{userId}/roles": (v) => ({ params: { userId: v.userId }, body: { roles: ["admin"] } }),
  "GET /v1/roles": () => ({}),
  "GET /v1/audit/records/{entityKey}": (v) => ({ params: { entityKey: `user:${v.userId}` } }),
  "POST /v1/audit/verify": () => ({ body: {} }),
};

export const fillPath = (path: string, params: Record<string, string> = {}) =>
  path.replace(/\{(\w+)\+?\}/g, (_, name: string) => encodeURIComponent(params[name] ?? "missing"));
