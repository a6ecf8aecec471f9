import { standardConfig } from "../iot/src/standard-config.ts";

/**
 * A valid request for every declared route, aimed at a victim's records. The security tests call
 * each route with these; a new route without a sample fails them, on purpose.
 */
export interface Victim {
  tenantId: string;
  userId: string;
  email: string;
  /** One of the victim's gateways and one of its devices (seeded demo data). */
  thingName: string;
  deviceId: string;
}

/**
 * Path parameters with each of the victim's ids replaced by one of the same shape that exists
 * nowhere: the answer to the victim's ids must equal the answer to these.
 */
export function ghostParams(v: Victim, params: Record<string, string>): Record<string, string> {
  const tag = Date.now().toString(36);
  const ghosts: [string, string][] = [
    [v.userId, crypto.randomUUID()],
    [v.thingName, `${v.tenantId}_ghost-${tag}`],
    [v.deviceId, `ghost-${tag}`],
  ];
  return Object.fromEntries(
    Object.entries(params).map(([k, value]) => [
      k,
      ghosts.reduce((out, [real, fake]) => out.replaceAll(real, fake), value),
    ]),
  );
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
  "POST /v1/gateways": () => ({
    body: { gatewayId: `sec-${Date.now().toString(36)}`, name: "Security test gateway" },
  }),
  "GET /v1/gateways": () => ({}),
  "GET /v1/gateways/{thingName}": (v) => ({ params: { thingName: v.thingName } }),
  "POST /v1/gateways/{thingName}/credentials": (v) => ({ params: { thingName: v.thingName } }),
  "POST /v1/gateways/{thingName}/configs": (v) => {
    const { version: _, ...config } = standardConfig([{ id: v.deviceId, type: "moulding-machine" }]);
    return { params: { thingName: v.thingName }, body: config };
  },
  "GET /v1/gateways/{thingName}/configs": (v) => ({ params: { thingName: v.thingName } }),
  "GET /v1/devices": () => ({}),
  "GET /v1/devices/{deviceId}/windows": (v) => ({ params: { deviceId: v.deviceId } }),
  "GET /v1/alerts": () => ({}),
};

export const fillPath = (path: string, params: Record<string, string> = {}) =>
  path.replace(/\{(\w+)\+?\}/g, (_, name: string) => encodeURIComponent(params[name] ?? "missing"));
