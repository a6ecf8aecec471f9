/**
 * A valid request for every declared route, aimed at a victim's records. The security tests call
 * each route with these; a new route without a sample fails them, on purpose.
 */
export interface Victim {
  tenantId: string;
  userId: string;
  email: string;
  /** Stock records of the victim's demo data (acme-med's seeded inventory). */
  materialId: string;
  lotNo: string;
  warehouseId: string;
  locationId: string;
  reservationId: string;
  countId: string;
}

/** The victim's ids that a "ghost" request replaces with ids that exist nowhere. */
export const victimIds = (v: Victim) => [v.userId, v.materialId, v.reservationId, v.countId];

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
  "GET /v1/inventory/catalogue": () => ({}),
  "GET /v1/inventory/stock": () => ({}),
  "GET /v1/inventory/materials/{materialId}/lots/{lotNo}": (v) => ({
    params: { materialId: v.materialId, lotNo: v.lotNo },
  }),
  "GET /v1/inventory/materials/{materialId}/lots/{lotNo}/ledger": (v) => ({
    params: { materialId: v.materialId, lotNo: v.lotNo },
  }),
  "GET /v1/inventory/ledger": () => ({}),
  "POST /v1/inventory/receipts": (v) => ({ body: { ...stockAt(v), quantity: 1 } }),
  "POST /v1/inventory/issues": (v) => ({ body: { ...stockAt(v), quantity: 1 } }),
  "POST /v1/inventory/shipments": (v) => ({ body: { ...stockAt(v), quantity: 1, reference: "SO-1" } }),
  "POST /v1/inventory/transfers": (v) => ({
    body: {
      materialId: v.materialId,
      lotNo: v.lotNo,
      from: { warehouseId: v.warehouseId, locationId: v.locationId },
      to: { warehouseId: v.warehouseId, locationId: v.locationId.replace(/.$/, (c) => (c === "0" ? "1" : "0")) },
      quantity: 1,
    },
  }),
  "POST /v1/inventory/adjustments": (v) => ({ body: { ...stockAt(v), quantity: -1, reason: "security test" } }),
  "POST /v1/inventory/reservations": (v) => ({ body: { ...stockAt(v), quantity: 1, reference: "WO-X" } }),
  "GET /v1/inventory/reservations": () => ({}),
  "POST /v1/inventory/reservations/{reservationId}/release": (v) => ({ params: { reservationId: v.reservationId } }),
  "POST /v1/inventory/materials/{materialId}/lots/{lotNo}/hold": (v) => ({
    params: { materialId: v.materialId, lotNo: v.lotNo },
    body: { reason: "security test" },
  }),
  "POST /v1/inventory/materials/{materialId}/lots/{lotNo}/release": (v) => ({
    params: { materialId: v.materialId, lotNo: v.lotNo },
    body: { reason: "security test" },
  }),
  "GET /v1/inventory/fefo": () => ({}),
  "GET /v1/inventory/safety-stock": () => ({}),
  "PUT /v1/inventory/materials/{materialId}/safety-stock": (v) => ({
    params: { materialId: v.materialId },
    body: { threshold: 0 },
  }),
  "POST /v1/inventory/counts": (v) => ({
    body: {
      warehouseId: v.warehouseId,
      locationId: v.locationId,
      lines: [{ materialId: v.materialId, lotNo: v.lotNo, counted: 0 }],
    },
  }),
  "GET /v1/inventory/counts": () => ({}),
  "GET /v1/inventory/counts/{countId}": (v) => ({ params: { countId: v.countId } }),
  "POST /v1/inventory/counts/{countId}/post": (v) => ({
    params: { countId: v.countId },
    body: { reason: "security test" },
  }),
};

const stockAt = (v: Victim) => ({
  materialId: v.materialId,
  lotNo: v.lotNo,
  warehouseId: v.warehouseId,
  locationId: v.locationId,
});

export const fillPath = (path: string, params: Record<string, string> = {}) =>
  path.replace(/\{(\w+)\+?\}/g, (_, name: string) => encodeURIComponent(params[name] ?? "missing"));
