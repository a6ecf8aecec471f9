import { randomUUID } from "node:crypto";
import { gs1CheckDigit } from "@medloop/shared/udi/check-digit";

/**
 * The synthetic genealogy of the trace bench: suppliers, material lots, production orders with
 * their evidence (issue lines with origin, operations, inspections, NCs, release), finished units
 * and where each unit is now. One description feeds both DynamoDB (through the entities, so the
 * keys are the real ones) and PostgreSQL (CSV rows for COPY). Deterministic for a given seed.
 */
export interface Sizes {
  suppliers: number;
  lots: number;
  hospitals: number;
  unitsPerOrder: number;
}

/** Lots whose affected set is the same at every dataset size (their orders are the first ones). */
/** The finished lot order k makes. */
export const fgLotOf = (k: number) => `FG${k.toString().padStart(6, "0")}`;

export const PROBES = [
  { name: "~100 serials", lotNo: "PROBE-100", orders: 1 },
  { name: "~1,000 serials", lotNo: "PROBE-1K", orders: 10 },
  { name: "~10,000 serials", lotNo: "PROBE-10K", orders: 100 },
] as const;

const MATERIALS = 40;
const BOM_LINES = 12;
const PRODUCTS = 4;

function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type World = ReturnType<typeof makeWorld>;

export function makeWorld(sizes: Sizes) {
  const materials = Array.from({ length: MATERIALS }, (_, i) => ({ materialId: randomUUID(), code: `MAT-${i}` }));
  const products = Array.from({ length: PRODUCTS }, (_, i) => ({
    productId: randomUUID(),
    fgMaterialId: randomUUID(),
    code: `DEV-${i}`,
    udiDi: ((body) => body + gs1CheckDigit(body))(`069501234${(i + 10).toString().padStart(4, "0")}`),
  }));
  const suppliers = Array.from({ length: sizes.suppliers }, (_, i) => ({
    supplierId: randomUUID(),
    code: `SUP-${i}`,
    name: `Supplier ${i}`,
    certificateNo: `ISO13485-${1000 + i}`,
  }));
  const lotsByMaterial: { lotNo: string; supplier: number; supplierLotNo: string }[][] = materials.map(() => []);
  for (let i = 0; i < sizes.lots; i++) {
    lotsByMaterial[i % MATERIALS]!.push({ lotNo: `L${i}`, supplier: i % sizes.suppliers, supplierLotNo: `SL${i}` });
  }
  const hospitals = Array.from({ length: sizes.hospitals }, (_, i) => ({
    tenantId: `hospital-${i}`,
    customerId: randomUUID(),
  }));
  return {
    sizes,
    materials,
    products,
    suppliers,
    lotsByMaterial,
    hospitals,
    warehouseId: randomUUID(),
    locationId: randomUUID(),
    workCentreId: randomUUID(),
    orderIds: [] as string[],
  };
}

export const serialOf = (order: number, unit: number) => `U${order.toString(36).padStart(4, "0")}-${unit}`;
export const productOf = (w: World, order: number) => w.products[order % PRODUCTS]!;

/** Everything order `k` writes, as plain records; `tenantId` is added by the writer. */
export function orderRecords(w: World, k: number) {
  const rand = prng(k + 1);
  // The order's id is drawn once and kept: the measurements read its partition by key.
  w.orderIds[k] ??= randomUUID();
  const orderId = w.orderIds[k];
  const product = productOf(w, k);
  const p = k % PRODUCTS;
  const fgLotNo = fgLotOf(k);
  const at = new Date(Date.UTC(2026, 0, 1) + k * 3_600_000).toISOString();
  const order = {
    orderId,
    orderNo: `MO-${k.toString().padStart(6, "0")}`,
    productId: product.productId,
    productCode: product.code,
    productName: `Device ${p}`,
    udiDi: product.udiDi,
    fgMaterialId: product.fgMaterialId,
    fgLotNo,
    quantity: w.sizes.unitsPerOrder,
    status: "received" as const,
    plannedStart: at.slice(0, 10),
    bom: JSON.stringify({
      revision: 2,
      effectiveFrom: "2026-01-01",
      lines: Array.from({ length: BOM_LINES }, (_, j) => {
        const m = w.materials[(p * 10 + j) % MATERIALS]!;
        return { position: j + 1, materialId: m.materialId, materialCode: m.code, quantity: 1, unit: "pcs" };
      }),
    }),
    route: JSON.stringify({
      revision: 2,
      effectiveFrom: "2026-01-01",
      operations: ["ASSEMBLE", "TEST", "BURN-IN", "FINAL-QC"].map((code, j) => ({ sequence: (j + 1) * 10, code })),
    }),
    releasedAt: at,
    releasedBy: "user:planner",
    good: w.sizes.unitsPerOrder,
    scrapped: 0,
    received: w.sizes.unitsPerOrder,
  };
  const issueOf = (
    materialId: string,
    code: string,
    lot: { lotNo: string; supplier: number; supplierLotNo: string },
  ) => {
    const s = w.suppliers[lot.supplier]!;
    const origin = {
      supplierId: s.supplierId,
      supplierCode: s.code,
      supplierName: s.name,
      supplierLotNo: lot.supplierLotNo,
      purchaseOrderId: `PO-${lot.lotNo}`,
      receiptId: `GR-${lot.lotNo}`,
      certificate: { certificateNo: s.certificateNo, scope: "electronic", validTo: "2027-12-31" },
      inspection: { result: "accepted", plan: "GB/T 2828.1 II AQL 0.65" },
    };
    return {
      orderId,
      lineId: randomUUID(),
      productId: product.productId,
      fgMaterialId: product.fgMaterialId,
      fgLotNo,
      materialId,
      materialCode: code,
      materialName: code,
      lotNo: lot.lotNo,
      quantity: w.sizes.unitsPerOrder,
      unit: "pcs",
      locationId: w.locationId,
      warehouseId: w.warehouseId,
      scanned: `(10)${lot.lotNo}`,
      supplierId: s.supplierId,
      supplierLotNo: lot.supplierLotNo,
      origin: JSON.stringify(origin),
      issuedAt: at,
      issuedBy: "user:operator",
    };
  };
  const issues = Array.from({ length: BOM_LINES }, (_, j) => {
    const mi = (p * 10 + j) % MATERIALS;
    const lots = w.lotsByMaterial[mi]!;
    return issueOf(w.materials[mi]!.materialId, w.materials[mi]!.code, lots[Math.floor(rand() * lots.length)]!);
  });
  PROBES.forEach((probe, i) => {
    if (k < probe.orders) {
      const m = w.materials[i]!;
      issues.push(
        issueOf(m.materialId, m.code, { lotNo: probe.lotNo, supplier: 0, supplierLotNo: `S-${probe.lotNo}` }),
      );
    }
  });
  const serials = Array.from({ length: w.sizes.unitsPerOrder }, (_, j) => serialOf(k, j));
  const unitsJson = JSON.stringify(serials.map((serialNo) => ({ serialNo, components: [] })));
  const operations = ["ASSEMBLE", "TEST", "BURN-IN", "FINAL-QC"].map((code, j) => ({
    orderId,
    reportId: randomUUID(),
    sequence: (j + 1) * 10,
    operationCode: code,
    operationName: code,
    workCentreId: w.workCentreId,
    workCentreCode: `WC-${j}`,
    equipment: `EQ-${(k + j) % 17}`,
    good: w.sizes.unitsPerOrder,
    scrap: 0,
    startedAt: at,
    finishedAt: at,
    operatorId: `user:op-${k % 23}`,
    operatorName: `operator-${k % 23}@acme.test`,
    units: unitsJson,
  }));
  const inspections = (["first-article", "final"] as const).map((kind, j) => ({
    orderId,
    inspectionId: randomUUID(),
    kind,
    sequence: j ? 40 : 10,
    measurements: JSON.stringify([
      { characteristic: "Flow accuracy", value: 1.2, lower: -5, upper: 5, unit: "%", pass: true },
    ]),
    serials: [serials[0]!],
    sampleSize: j ? 5 : 1,
    result: "pass" as const,
    inspectorId: "user:qc",
    inspectorName: "qc@acme.test",
    inspectedAt: at,
  }));
  const ncs =
    k % 10 === 0
      ? [
          {
            orderId,
            ncId: randomUUID(),
            ncNo: `NC-${k}`,
            sequence: 20,
            description: "Housing scratch",
            quantity: 1,
            serials: [serials[1]!],
            status: "dispositioned" as const,
            disposition: "use-as-is" as const,
            concessionNo: `CON-${k}`,
            dispositionReason: "cosmetic",
            dispositionedBy: "user:qe",
            dispositionedAt: at,
            raisedBy: "user:op",
            raisedAt: at,
          },
        ]
      : [];
  const release = {
    orderId,
    decision: "released" as const,
    signatureId: randomUUID(),
    signerId: "qe",
    signerName: "Quinn QE",
    meaning: "released",
    manifest: `Quinn QE <qe@acme.test> · ${at} · released`,
    signedAt: at,
    good: w.sizes.unitsPerOrder,
  };
  const units = serials.map((serialNo) => ({
    productId: product.productId,
    udiDi: product.udiDi,
    serialNo,
    orderId,
    fgMaterialId: product.fgMaterialId,
    fgLotNo,
    state: "received" as const,
    boundAt: at,
    boundBy: "user:operator",
  }));
  const custody = serials.map((serialNo) => {
    const shipped = rand() < 0.6;
    const h = w.hospitals[Math.floor(rand() * w.hospitals.length)]!;
    return {
      materialId: product.fgMaterialId,
      serialNo,
      lotNo: fgLotNo,
      locationId: w.locationId,
      state: shipped ? ("shipped" as const) : ("in-stock" as const),
      ...(shipped
        ? { shipmentId: `SHP-${k}-${h.tenantId}`, customerId: h.customerId, custodianTenantId: h.tenantId }
        : {}),
    };
  });
  return { order, issues, operations, inspections, ncs, release, units, custody };
}

export type OrderRecords = ReturnType<typeof orderRecords>;
