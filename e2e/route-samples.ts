import { standardConfig } from "@medloop/iot/standard-config";

/**
 * A valid request for every declared route, aimed at a victim's records. The security tests call
 * each route with these; a new route without a sample fails them, on purpose.
 */
export interface Victim {
  tenantId: string;
  userId: string;
  email: string;
  /** Master-data ids of the victim (acme-med's seeded records). */
  productId: string;
  materialId: string;
  supplierId: string;
  certificateId: string;
  customerId: string;
  siteId: string;
  warehouseId: string;
  locationId: string;
  workCentreId: string;
  /** Stock of the victim (acme-med's seeded inventory): a lot at a place, a reservation, a count. */
  stock: { materialId: string; lotNo: string; warehouseId: string; locationId: string };
  reservationId: string;
  countId: string;
  /** A purchase order of the victim with a receipt, and the received lot (acme-med's seeded procurement). */
  poId: string;
  receiptId: string;
  receivedLot: { materialId: string; lotNo: string };
  /** One of the victim's gateways and one of its devices (seeded demo data). */
  thingName: string;
  deviceId: string;
  /** A shipment of the victim, a serial it shipped, and a device in another hospital's installed base. */
  shipmentId: string;
  shippedSerial: { productId: string; serialNo: string };
  installedId: string;
  /** A hospital the victim is linked with and the attacker is not (a tenant id: the link's path parameter). */
  linkedHospital: string;
  /** A seeded production order of the victim and a nonconformance on it. */
  orderId: string;
  ncId: string;
}

/**
 * Path parameters with each of the victim's ids replaced by one of the same shape that exists
 * nowhere: the answer to the victim's ids must equal the answer to these.
 */
export function ghostParams(v: Victim, params: Record<string, string>): Record<string, string> {
  const tag = Date.now().toString(36);
  const ghosts: [string, string][] = [
    ...victimIds(v).map((id): [string, string] => [id, crypto.randomUUID()]),
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

/** Every id of the victim that a route may carry (the security test swaps each for a ghost). */
export const victimIds = (v: Victim): string[] => [
  v.userId,
  v.productId,
  v.materialId,
  v.supplierId,
  v.certificateId,
  v.customerId,
  v.siteId,
  v.warehouseId,
  v.locationId,
  v.workCentreId,
  v.stock.materialId,
  v.stock.warehouseId,
  v.stock.locationId,
  v.reservationId,
  v.countId,
  v.poId,
  v.receiptId,
  v.receivedLot.materialId,
  v.shipmentId,
  v.shippedSerial.productId,
  v.installedId,
  v.linkedHospital,
  v.orderId,
  v.ncId,
];

const reason = "security test";
const material = { name: "Sample", category: "mechanical", unit: "pcs", tracking: "lot" };
const supplier = { name: "Sample", country: "CN", approval: "pending" };
const customer = { name: "Sample", type: "hospital", region: "East China" };
const certificate = (v: Victim) => ({
  type: "iso-9001",
  issuer: "Sample",
  scopeMaterialIds: [v.materialId],
  scopeCategories: [],
  validFrom: "2026-01-01",
  expiresOn: "2027-01-01",
});
const bom = (v: Victim) => ({
  note: "sample",
  lines: [{ position: 1, materialId: v.materialId, quantity: 1, unit: "pcs" }],
});
const route = (v: Victim) => ({
  note: "sample",
  operations: [
    {
      sequence: 1,
      code: "OP",
      name: "Op",
      workCentreId: v.workCentreId,
      setupMinutes: 1,
      runMinutes: 1,
      inspection: "none",
    },
  ],
});
const cert = (v: Victim) => ({ supplierId: v.supplierId, certificateId: v.certificateId });
const product = (v: Victim) => ({ productId: v.productId });
const revision = (v: Victim) => ({ productId: v.productId, revision: "1" });

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
  "POST /v1/users/{userId}/unlock": (v) => ({ params: { userId: v.userId }, body: { reason: "security test" } }),
  "GET /v1/security-alerts": () => ({}),
  "PUT /v1/users/{userId}/roles": (v) => ({ params: { userId: v.userId }, body: { roles: ["admin"] } }),
  "GET /v1/roles": () => ({}),
  "GET /v1/tenant-links": () => ({}),
  "POST /v1/tenant-links": (v) => ({ body: { partnerTenantId: v.linkedHospital } }),
  "POST /v1/tenant-links/{partnerTenantId}/accept": (v) => ({ params: { partnerTenantId: v.linkedHospital } }),
  "POST /v1/tenant-links/{partnerTenantId}/refuse": (v) => ({
    params: { partnerTenantId: v.linkedHospital },
    body: { reason },
  }),
  "POST /v1/tenant-links/{partnerTenantId}/revoke": (v) => ({
    params: { partnerTenantId: v.linkedHospital },
    body: { reason },
  }),
  "GET /v1/people": () => ({}),
  "GET /v1/audit/records/{entityKey}": (v) => ({ params: { entityKey: `user:${v.userId}` } }),
  "POST /v1/audit/verify": () => ({ body: {} }),
  "GET /v1/inventory/catalogue": () => ({}),
  "GET /v1/inventory/stock": () => ({}),
  "GET /v1/inventory/materials/{materialId}/lots/{lotNo}": (v) => ({
    params: { materialId: v.stock.materialId, lotNo: v.stock.lotNo },
  }),
  "GET /v1/inventory/materials/{materialId}/lots/{lotNo}/ledger": (v) => ({
    params: { materialId: v.stock.materialId, lotNo: v.stock.lotNo },
  }),
  "GET /v1/inventory/ledger": () => ({}),
  "POST /v1/inventory/receipts": (v) => ({ body: { ...stockAt(v), quantity: 1 } }),
  "POST /v1/inventory/issues": (v) => ({ body: { ...stockAt(v), quantity: 1 } }),
  "POST /v1/inventory/shipments": (v) => ({ body: { ...stockAt(v), quantity: 1, reference: "SO-1" } }),
  "POST /v1/inventory/transfers": (v) => ({
    body: {
      materialId: v.stock.materialId,
      lotNo: v.stock.lotNo,
      from: { warehouseId: v.stock.warehouseId, locationId: v.stock.locationId },
      to: {
        warehouseId: v.stock.warehouseId,
        locationId: v.stock.locationId.replace(/.$/, (c) => (c === "0" ? "1" : "0")),
      },
      quantity: 1,
    },
  }),
  "POST /v1/inventory/adjustments": (v) => ({ body: { ...stockAt(v), quantity: -1, reason: "security test" } }),
  "POST /v1/inventory/reservations": (v) => ({ body: { ...stockAt(v), quantity: 1, reference: "WO-X" } }),
  "GET /v1/inventory/reservations": () => ({}),
  "POST /v1/inventory/reservations/{reservationId}/release": (v) => ({ params: { reservationId: v.reservationId } }),
  "POST /v1/inventory/materials/{materialId}/lots/{lotNo}/hold": (v) => ({
    params: { materialId: v.stock.materialId, lotNo: v.stock.lotNo },
    body: { reason: "security test" },
  }),
  "POST /v1/inventory/materials/{materialId}/lots/{lotNo}/release": (v) => ({
    params: { materialId: v.stock.materialId, lotNo: v.stock.lotNo },
    body: { reason: "security test" },
  }),
  "GET /v1/inventory/fefo": () => ({}),
  "GET /v1/inventory/safety-stock": () => ({}),
  "PUT /v1/inventory/materials/{materialId}/safety-stock": (v) => ({
    params: { materialId: v.stock.materialId },
    body: { threshold: 0 },
  }),
  "POST /v1/inventory/counts": (v) => ({
    body: {
      warehouseId: v.stock.warehouseId,
      locationId: v.stock.locationId,
      lines: [{ materialId: v.stock.materialId, lotNo: v.stock.lotNo, counted: 0 }],
    },
  }),
  "GET /v1/inventory/counts": () => ({}),
  "GET /v1/inventory/counts/{countId}": (v) => ({ params: { countId: v.countId } }),
  "POST /v1/inventory/counts/{countId}/post": (v) => ({
    params: { countId: v.countId },
    body: { reason: "security test" },
  }),

  "GET /v1/purchase-orders": () => ({}),
  "POST /v1/purchase-orders": (v) => ({
    body: {
      supplierId: v.supplierId,
      lines: [{ materialId: v.materialId, quantity: 1, unit: "pcs", dueDate: "2030-01-01" }],
    },
  }),
  "GET /v1/purchase-orders/{poId}": (v) => ({ params: { poId: v.poId } }),
  "POST /v1/purchase-orders/{poId}/approve": (v) => ({ params: { poId: v.poId } }),
  "POST /v1/purchase-orders/{poId}/close": (v) => ({ params: { poId: v.poId }, body: { reason } }),
  "POST /v1/purchase-orders/{poId}/cancel": (v) => ({ params: { poId: v.poId }, body: { reason } }),
  "POST /v1/purchase-orders/{poId}/receipts": (v) => ({
    params: { poId: v.poId },
    body: {
      scan: "(01)06950123450013(10)SEC-1(37)1",
      warehouseId: v.stock.warehouseId,
      locationId: v.stock.locationId,
    },
  }),
  "POST /v1/purchase-orders/{poId}/receipts/{receiptId}/inspection": (v) => ({
    params: { poId: v.poId, receiptId: v.receiptId },
    body: { aql: "1.0", characteristics: [{ name: "Visual" }], defectives: 0, decision: "accept" },
  }),
  "GET /v1/sampling-plans": () => ({}),
  "GET /v1/lot-origins/{materialId}/{lotNo}": (v) => ({ params: v.receivedLot }),
  "GET /v1/supplier-parts": () => ({}),
  "POST /v1/supplier-parts": (v) => ({
    body: { gtin: "06950123450990", materialId: v.materialId, supplierId: v.supplierId },
  }),

  "GET /v1/products": () => ({}),
  "POST /v1/products": () => ({
    body: {
      code: "SAMPLE-P",
      name: "Sample",
      udiDi: "06950123450999",
      deviceClass: "I",
      modelNumber: "S",
      modelVersion: "1",
      tracking: "lot",
    },
  }),
  "GET /v1/products/{productId}": (v) => ({ params: product(v) }),
  "PUT /v1/products/{productId}": (v) => ({
    params: product(v),
    body: { name: "Hijacked", deviceClass: "I", modelNumber: "S", modelVersion: "1", tracking: "lot", reason },
  }),
  "GET /v1/products/{productId}/versions": (v) => ({ params: product(v) }),
  "GET /v1/materials": () => ({}),
  "POST /v1/materials": () => ({ body: { code: "SAMPLE-M", ...material } }),
  "GET /v1/materials/{materialId}": (v) => ({ params: { materialId: v.materialId } }),
  "PUT /v1/materials/{materialId}": (v) => ({ params: { materialId: v.materialId }, body: { ...material, reason } }),
  "GET /v1/materials/{materialId}/versions": (v) => ({ params: { materialId: v.materialId } }),
  "GET /v1/suppliers": () => ({}),
  "POST /v1/suppliers": () => ({ body: { code: "SAMPLE-S", ...supplier } }),
  "GET /v1/suppliers/{supplierId}": (v) => ({ params: { supplierId: v.supplierId } }),
  "PUT /v1/suppliers/{supplierId}": (v) => ({ params: { supplierId: v.supplierId }, body: { ...supplier, reason } }),
  "GET /v1/suppliers/{supplierId}/versions": (v) => ({ params: { supplierId: v.supplierId } }),
  "GET /v1/customers": () => ({}),
  "POST /v1/customers": () => ({ body: { code: "SAMPLE-C", ...customer } }),
  "GET /v1/customers/{customerId}": (v) => ({ params: { customerId: v.customerId } }),
  "PUT /v1/customers/{customerId}": (v) => ({ params: { customerId: v.customerId }, body: { ...customer, reason } }),
  "GET /v1/customers/{customerId}/versions": (v) => ({ params: { customerId: v.customerId } }),
  "GET /v1/sites": () => ({}),
  "POST /v1/sites": () => ({ body: { code: "SAMPLE-SITE", name: "Sample", timezone: "Asia/Shanghai" } }),
  "GET /v1/sites/{siteId}": (v) => ({ params: { siteId: v.siteId } }),
  "PUT /v1/sites/{siteId}": (v) => ({ params: { siteId: v.siteId }, body: { name: "X", timezone: "UTC", reason } }),
  "GET /v1/sites/{siteId}/versions": (v) => ({ params: { siteId: v.siteId } }),
  "GET /v1/warehouses": () => ({}),
  "POST /v1/warehouses": (v) => ({
    body: { code: "SAMPLE-WH", name: "Sample", siteId: v.siteId, purpose: "quarantine" },
  }),
  "GET /v1/warehouses/{warehouseId}": (v) => ({ params: { warehouseId: v.warehouseId } }),
  "PUT /v1/warehouses/{warehouseId}": (v) => ({
    params: { warehouseId: v.warehouseId },
    body: { name: "X", purpose: "quarantine", reason },
  }),
  "GET /v1/warehouses/{warehouseId}/versions": (v) => ({ params: { warehouseId: v.warehouseId } }),
  "GET /v1/work-centres": () => ({}),
  "POST /v1/work-centres": (v) => ({ body: { code: "SAMPLE-WC", name: "Sample", siteId: v.siteId, kind: "cell" } }),
  "GET /v1/work-centres/{workCentreId}": (v) => ({ params: { workCentreId: v.workCentreId } }),
  "PUT /v1/work-centres/{workCentreId}": (v) => ({
    params: { workCentreId: v.workCentreId },
    body: { name: "X", kind: "cell", reason },
  }),
  "GET /v1/work-centres/{workCentreId}/versions": (v) => ({ params: { workCentreId: v.workCentreId } }),
  "GET /v1/warehouses/{warehouseId}/locations": (v) => ({ params: { warehouseId: v.warehouseId } }),
  "POST /v1/warehouses/{warehouseId}/locations": (v) => ({
    params: { warehouseId: v.warehouseId },
    body: { code: "SAMPLE-L", name: "Sample", kind: "bin" },
  }),
  "GET /v1/warehouses/{warehouseId}/locations/{locationId}": (v) => ({
    params: { warehouseId: v.warehouseId, locationId: v.locationId },
  }),
  "PUT /v1/warehouses/{warehouseId}/locations/{locationId}": (v) => ({
    params: { warehouseId: v.warehouseId, locationId: v.locationId },
    body: { name: "X", kind: "bin", reason },
  }),
  "GET /v1/warehouses/{warehouseId}/locations/{locationId}/versions": (v) => ({
    params: { warehouseId: v.warehouseId, locationId: v.locationId },
  }),
  "GET /v1/certificates": () => ({}),
  "GET /v1/suppliers/{supplierId}/certificates": (v) => ({ params: { supplierId: v.supplierId } }),
  "POST /v1/suppliers/{supplierId}/certificates": (v) => ({
    params: { supplierId: v.supplierId },
    body: { code: "SAMPLE-CERT", ...certificate(v) },
  }),
  "GET /v1/suppliers/{supplierId}/certificates/{certificateId}": (v) => ({ params: cert(v) }),
  "PUT /v1/suppliers/{supplierId}/certificates/{certificateId}": (v) => ({
    params: cert(v),
    body: { ...certificate(v), reason },
  }),
  "GET /v1/suppliers/{supplierId}/certificates/{certificateId}/versions": (v) => ({ params: cert(v) }),
  "POST /v1/suppliers/{supplierId}/certificates/{certificateId}/document-upload": (v) => ({
    params: cert(v),
    body: { contentType: "application/pdf" },
  }),
  "PUT /v1/suppliers/{supplierId}/certificates/{certificateId}/document": (v) => ({
    params: cert(v),
    body: { key: `documents/${v.tenantId}/certificates/${v.certificateId}/x`, fileName: "c.pdf", reason },
  }),
  "GET /v1/suppliers/{supplierId}/certificates/{certificateId}/document": (v) => ({ params: cert(v) }),
  "GET /v1/suppliers/{supplierId}/qualification": (v) => ({ params: { supplierId: v.supplierId } }),
  "GET /v1/products/{productId}/boms": (v) => ({ params: product(v) }),
  "POST /v1/products/{productId}/boms": (v) => ({ params: product(v), body: bom(v) }),
  "GET /v1/products/{productId}/boms/{revision}": (v) => ({ params: revision(v) }),
  "PUT /v1/products/{productId}/boms/{revision}": (v) => ({ params: revision(v), body: bom(v) }),
  "POST /v1/products/{productId}/boms/{revision}/release": (v) => ({
    params: revision(v),
    body: { effectiveFrom: "2030-01-01", reason },
  }),
  "GET /v1/products/{productId}/effective-bom": (v) => ({ params: product(v) }),
  "GET /v1/products/{productId}/routes": (v) => ({ params: product(v) }),
  "POST /v1/products/{productId}/routes": (v) => ({ params: product(v), body: route(v) }),
  "GET /v1/products/{productId}/routes/{revision}": (v) => ({ params: revision(v) }),
  "PUT /v1/products/{productId}/routes/{revision}": (v) => ({ params: revision(v), body: route(v) }),
  "POST /v1/products/{productId}/routes/{revision}/release": (v) => ({
    params: revision(v),
    body: { effectiveFrom: "2030-01-01", reason },
  }),
  "GET /v1/products/{productId}/effective-route": (v) => ({ params: product(v) }),
  "GET /v1/data-dictionary": () => ({}),
  "POST /v1/master-data/imports": () => ({
    body: { kind: "materials", mode: "all", csv: "code,name,category,unit,tracking\nSAMPLE-IMP,X,label,pcs,lot" },
  }),
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
  "GET /v1/shipments": () => ({}),
  "POST /v1/shipments": (v) => ({ body: { customerId: v.customerId, reference: "SO-SEC" } }),
  "GET /v1/shipments/{shipmentId}": (v) => ({ params: { shipmentId: v.shipmentId } }),
  "POST /v1/shipments/{shipmentId}/lines": (v) => ({ params: { shipmentId: v.shipmentId }, body: v.shippedSerial }),
  "DELETE /v1/shipments/{shipmentId}/lines/{productId}/{serialNo}": (v) => ({
    params: { shipmentId: v.shipmentId, ...v.shippedSerial },
  }),
  "POST /v1/shipments/{shipmentId}/dispatch": (v) => ({ params: { shipmentId: v.shipmentId } }),
  "POST /v1/shipments/{shipmentId}/deliver": (v) => ({ params: { shipmentId: v.shipmentId }, body: {} }),
  "GET /v1/products/{productId}/serials/{serialNo}": (v) => ({ params: v.shippedSerial }),
  "GET /v1/installed-base": () => ({}),
  "GET /v1/installed-base/{installedId}": (v) => ({ params: { installedId: v.installedId } }),
  "POST /v1/production/orders": (v) => ({
    body: { productId: v.productId, quantity: 1, plannedStart: "2026-07-01", fgLotNo: "SEC-1" },
  }),
  "GET /v1/production/orders": () => ({}),
  "GET /v1/production/orders/{orderId}": (v) => ({ params: order(v) }),
  "POST /v1/production/orders/{orderId}/issues": (v) => ({
    params: order(v),
    body: {
      scan: `(10)${v.stock.lotNo}`,
      warehouseId: v.stock.warehouseId,
      locationId: v.stock.locationId,
      quantity: 1,
    },
  }),
  "POST /v1/production/orders/{orderId}/operations": (v) => ({
    params: order(v),
    body: {
      sequence: 10,
      good: 1,
      startedAt: "2026-06-01T08:00:00Z",
      finishedAt: "2026-06-01T09:00:00Z",
      equipment: "EQ-1",
    },
  }),
  "POST /v1/production/orders/{orderId}/inspections": (v) => ({
    params: order(v),
    body: {
      kind: "patrol",
      sequence: 10,
      sampleSize: 1,
      measurements: [{ characteristic: "Gap", value: 1, upper: 2, unit: "mm" }],
    },
  }),
  "POST /v1/production/orders/{orderId}/nonconformances": (v) => ({
    params: order(v),
    body: { sequence: 10, description: reason, quantity: 1 },
  }),
  "POST /v1/production/orders/{orderId}/nonconformances/{ncId}/disposition": (v) => ({
    params: { orderId: v.orderId, ncId: v.ncId },
    body: { disposition: "rework", reason },
  }),
  "POST /v1/production/orders/{orderId}/release": (v) => ({
    params: order(v),
    body: { password: "medloop-demo-2026", meaning: "released" },
  }),
  "POST /v1/production/orders/{orderId}/receipt": (v) => ({
    params: order(v),
    body: { warehouseId: v.warehouseId, locationId: v.locationId },
  }),
  "GET /v1/trace/backward": () => ({}),
  "GET /v1/trace/forward": () => ({}),
};

const order = (v: Victim) => ({ orderId: v.orderId });

const stockAt = (v: Victim) => v.stock;

export const fillPath = (path: string, params: Record<string, string> = {}) =>
  path.replace(/\{(\w+)\+?\}/g, (_, name: string) => encodeURIComponent(params[name] ?? "missing"));
