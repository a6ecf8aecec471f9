import {
  Boms,
  Certificates,
  Locations,
  MasterDataImport,
  Materials,
  ProcessRoutes,
  Products,
  Sites,
  Suppliers,
  Warehouses,
  WorkCentres,
} from "@medloop/shared";
import { fromToday } from "./seed-story.ts";

/**
 * acme-med's demo master data: infusion pumps and patient monitors with their materials, suppliers
 * (one certificate expired, one expiring soon), the two demo hospitals as customers, a plant with
 * warehouses and locations, and a BOM and route per product in two released revisions. Records are
 * matched by code, so running it again changes nothing. Runs inside the tenant's system scope.
 */
const day = fromToday;

type MaterialSeed = Parameters<typeof Materials.create>[0];
const MATERIALS: MaterialSeed[] = [
  { code: "PCB-IP-MAIN", name: "Infusion pump main board", category: "sub-assembly", unit: "pcs", tracking: "serial" },
  { code: "MTR-STEP-42", name: "Stepper motor NEMA 17, 0.9°", category: "mechanical", unit: "pcs", tracking: "lot" },
  { code: "SNS-PRES-01", name: "Occlusion pressure sensor", category: "electronic", unit: "pcs", tracking: "lot" },
  { code: "SNS-AIL-01", name: "Ultrasonic air-in-line sensor", category: "electronic", unit: "pcs", tracking: "lot" },
  { code: "LCD-43-TFT", name: "4.3 in TFT display with touch", category: "electronic", unit: "pcs", tracking: "lot" },
  {
    code: "BAT-LI-7V4",
    name: "Li-ion battery pack 7.4 V 2600 mAh",
    category: "electronic",
    unit: "pcs",
    tracking: "serial",
    shelfLifeDays: 730,
  },
  { code: "HSG-IP-FRONT", name: "Pump front housing, PC/ABS", category: "mechanical", unit: "pcs", tracking: "lot" },
  { code: "HSG-IP-REAR", name: "Pump rear housing, PC/ABS", category: "mechanical", unit: "pcs", tracking: "lot" },
  { code: "KPD-IP-12", name: "Membrane keypad, 12 keys", category: "mechanical", unit: "pcs", tracking: "lot" },
  { code: "SCR-M3X8", name: "Screw M3×8, stainless A2", category: "mechanical", unit: "pcs", tracking: "none" },
  {
    code: "PSU-15V-60W",
    name: "Medical power adapter 15 V 60 W (2×MOPP)",
    category: "electronic",
    unit: "pcs",
    tracking: "lot",
  },
  {
    code: "PCB-PM-MAIN",
    name: "Patient monitor main board",
    category: "sub-assembly",
    unit: "pcs",
    tracking: "serial",
  },
  { code: "LCD-121-TFT", name: "12.1 in TFT display, 1024×768", category: "electronic", unit: "pcs", tracking: "lot" },
  { code: "MOD-SPO2", name: "SpO2 module", category: "sub-assembly", unit: "pcs", tracking: "serial" },
  { code: "MOD-ECG-5", name: "5-lead ECG module", category: "sub-assembly", unit: "pcs", tracking: "serial" },
  { code: "MOD-NIBP", name: "NIBP pump and valve module", category: "sub-assembly", unit: "pcs", tracking: "serial" },
  { code: "HSG-PM-SET", name: "Monitor housing set", category: "mechanical", unit: "set", tracking: "lot" },
  {
    code: "CTG-ACRYL",
    name: "Conformal coating, acrylic",
    category: "raw-material",
    unit: "ml",
    tracking: "lot",
    shelfLifeDays: 365,
  },
  { code: "LBL-UDI-SET", name: "UDI label set (device, carton)", category: "label", unit: "set", tracking: "lot" },
  {
    code: "IFU-IP-EN-ZH",
    name: "Instructions for use, infusion pump, en/zh",
    category: "label",
    unit: "pcs",
    tracking: "lot",
  },
  {
    code: "IFU-PM-EN-ZH",
    name: "Instructions for use, patient monitor, en/zh",
    category: "label",
    unit: "pcs",
    tracking: "lot",
  },
  { code: "CTN-IP", name: "Shipping carton, infusion pump", category: "packaging", unit: "pcs", tracking: "none" },
  { code: "CTN-PM", name: "Shipping carton, patient monitor", category: "packaging", unit: "pcs", tracking: "none" },
  // Each product's finished units are stocked as the material of the product's code (production receives into it).
  ...[
    ["IP-200", "Volumetric infusion pump IP-200"],
    ["SP-100", "Syringe pump SP-100"],
    ["PM-500", "Patient monitor PM-500, 12.1 in"],
    ["PM-300", "Compact patient monitor PM-300"],
  ].map(([code, name]) => ({
    code: code!,
    name: `${name} (finished unit)`,
    category: "sub-assembly" as const,
    unit: "pcs" as const,
    tracking: "serial" as const,
  })),
];

interface SupplierSeed {
  supplier: Parameters<typeof Suppliers.create>[0];
  certificates: {
    code: string;
    type: Certificates.Info["type"];
    issuer: string;
    categories?: Certificates.Info["scopeCategories"];
    materials?: string[];
    validFrom: string;
    expiresOn: string;
  }[];
}

const SUPPLIERS: SupplierSeed[] = [
  {
    supplier: {
      code: "SUP-SZEMS",
      name: "Shenzhen Medtronic EMS Co., Ltd.",
      country: "CN",
      approval: "approved",
      contactEmail: "quality@szems.example",
    },
    certificates: [
      {
        code: "CN-13485-2024-0811",
        type: "iso-13485",
        issuer: "TÜV SÜD",
        categories: ["sub-assembly", "electronic"],
        validFrom: day(-500),
        expiresOn: day(600),
      },
    ],
  },
  {
    supplier: { code: "SUP-CZMOTOR", name: "Changzhou Precision Motor Co.", country: "CN", approval: "approved" },
    certificates: [
      {
        code: "CN-9001-2023-4471",
        type: "iso-9001",
        issuer: "SGS",
        categories: ["mechanical"],
        validFrom: day(-700),
        expiresOn: day(400),
      },
      {
        code: "MA-CZM-017",
        type: "material-approval",
        issuer: "Acme QA",
        materials: ["MTR-STEP-42"],
        validFrom: day(-300),
        expiresOn: day(700),
      },
    ],
  },
  {
    // Its ISO 13485 lapsed: receipts of housings from it are blocked until it is renewed.
    supplier: { code: "SUP-DGPLAST", name: "Dongguan Medical Plastics Ltd.", country: "CN", approval: "conditional" },
    certificates: [
      {
        code: "CN-13485-2022-1290",
        type: "iso-13485",
        issuer: "BSI",
        categories: ["mechanical"],
        materials: ["HSG-IP-FRONT", "HSG-IP-REAR", "HSG-PM-SET"],
        validFrom: day(-1100),
        expiresOn: day(-20),
      },
    ],
  },
  {
    // Expiring within the warning window.
    supplier: { code: "SUP-LIPOWER", name: "Ningbo LiPower Battery Co.", country: "CN", approval: "approved" },
    certificates: [
      {
        code: "IEC62133-NB-5521",
        type: "material-approval",
        issuer: "CQC",
        materials: ["BAT-LI-7V4"],
        validFrom: day(-1000),
        expiresOn: day(25),
      },
    ],
  },
  {
    supplier: { code: "SUP-TWDISP", name: "Hsinchu Display Technology Corp.", country: "TW", approval: "approved" },
    certificates: [
      {
        code: "TW-13485-2025-0092",
        type: "iso-13485",
        issuer: "TÜV Rheinland",
        materials: ["LCD-43-TFT", "LCD-121-TFT"],
        validFrom: day(-430),
        expiresOn: day(665),
      },
    ],
  },
  {
    supplier: {
      code: "SUP-OXISENSE",
      name: "OxiSense Inc.",
      country: "US",
      approval: "approved",
      contactEmail: "supplier-quality@oxisense.example",
    },
    certificates: [
      {
        code: "US-13485-OXI-2025",
        type: "iso-13485",
        issuer: "BSI",
        materials: ["MOD-SPO2", "MOD-ECG-5", "MOD-NIBP"],
        validFrom: day(-150),
        expiresOn: day(950),
      },
      {
        code: "ISO10993-OXI-118",
        type: "biocompatibility",
        issuer: "NAMSA",
        materials: ["MOD-SPO2"],
        validFrom: day(-400),
        expiresOn: day(330),
      },
    ],
  },
  {
    supplier: { code: "SUP-SHPACK", name: "Shanghai Medical Packaging Co.", country: "CN", approval: "approved" },
    certificates: [
      {
        code: "CN-9001-2024-7730",
        type: "iso-9001",
        issuer: "CQC",
        categories: ["packaging", "label"],
        validFrom: day(-450),
        expiresOn: day(645),
      },
    ],
  },
  {
    // The conformal coating: a chemical, under the supplier's ISO 9001 for raw materials.
    supplier: { code: "SUP-SHCHEM", name: "Shanghai Electronic Chemicals Co.", country: "CN", approval: "approved" },
    certificates: [
      {
        code: "CN-9001-2025-1186",
        type: "iso-9001",
        issuer: "CQC",
        categories: ["raw-material"],
        validFrom: day(-440),
        expiresOn: day(655),
      },
    ],
  },
  {
    supplier: { code: "SUP-DESENS", name: "Sensortechnik Freiburg GmbH", country: "DE", approval: "approved" },
    certificates: [
      {
        code: "DE-13485-SF-3310",
        type: "iso-13485",
        issuer: "DEKRA",
        materials: ["SNS-PRES-01", "SNS-AIL-01"],
        validFrom: day(-600),
        expiresOn: day(500),
      },
      {
        code: "ROHS-SF-2025",
        type: "rohs-reach",
        issuer: "Sensortechnik Freiburg",
        categories: ["electronic"],
        validFrom: day(-100),
        expiresOn: day(265),
      },
    ],
  },
];

const SERVICE_CONTACT = "Acme service hotline 400-820-2026, service@acme-med.test";

const PRODUCTS: Parameters<typeof Products.create>[0][] = [
  {
    code: "IP-200",
    name: "Volumetric infusion pump IP-200",
    udiDi: "06950123450012",
    deviceClass: "IIb",
    gmdnCode: "13215",
    modelNumber: "IP-200",
    warrantyMonths: 24,
    serviceContact: SERVICE_CONTACT,
    modelVersion: "HW3 / FW 2.4",
    tracking: "serial",
    description: "Large-volume infusion for adult and paediatric wards",
  },
  {
    code: "SP-100",
    name: "Syringe pump SP-100",
    udiDi: "06950123450029",
    deviceClass: "IIb",
    gmdnCode: "13217",
    modelNumber: "SP-100",
    warrantyMonths: 24,
    serviceContact: SERVICE_CONTACT,
    modelVersion: "HW2 / FW 1.9",
    tracking: "serial",
  },
  {
    code: "PM-500",
    name: "Patient monitor PM-500, 12.1 in",
    udiDi: "06950123450036",
    deviceClass: "IIb",
    gmdnCode: "33586",
    modelNumber: "PM-500",
    warrantyMonths: 36,
    serviceContact: SERVICE_CONTACT,
    modelVersion: "HW4 / SW 5.2",
    tracking: "serial",
    description: "ECG, SpO2, NIBP; bedside monitoring",
  },
  {
    code: "PM-300",
    name: "Compact patient monitor PM-300",
    udiDi: "06950123450043",
    deviceClass: "IIb",
    gmdnCode: "33586",
    modelNumber: "PM-300",
    warrantyMonths: 36,
    serviceContact: SERVICE_CONTACT,
    modelVersion: "HW2 / SW 5.2",
    tracking: "serial",
  },
];

/** BOM lines per product as [material code, quantity]; the second revision is the ECO applied to the first. */
const BOMS: Record<string, { v1: [string, number][]; v2: [string, number][]; eco: string }> = {
  "IP-200": {
    v1: [
      ["PCB-IP-MAIN", 1],
      ["MTR-STEP-42", 1],
      ["SNS-PRES-01", 2],
      ["SNS-AIL-01", 1],
      ["LCD-43-TFT", 1],
      ["BAT-LI-7V4", 1],
      ["HSG-IP-FRONT", 1],
      ["HSG-IP-REAR", 1],
      ["KPD-IP-12", 1],
      ["SCR-M3X8", 12],
      ["PSU-15V-60W", 1],
      ["LBL-UDI-SET", 1],
      ["IFU-IP-EN-ZH", 1],
      ["CTN-IP", 1],
    ],
    v2: [
      ["PCB-IP-MAIN", 1],
      ["MTR-STEP-42", 1],
      ["SNS-PRES-01", 2],
      ["SNS-AIL-01", 1],
      ["LCD-43-TFT", 1],
      ["BAT-LI-7V4", 1],
      ["HSG-IP-FRONT", 1],
      ["HSG-IP-REAR", 1],
      ["KPD-IP-12", 1],
      ["SCR-M3X8", 10],
      ["CTG-ACRYL", 4],
      ["PSU-15V-60W", 1],
      ["LBL-UDI-SET", 1],
      ["IFU-IP-EN-ZH", 1],
      ["CTN-IP", 1],
    ],
    eco: "ECO-2026-014: conformal coating on the main board, two screws fewer",
  },
  "SP-100": {
    v1: [
      ["PCB-IP-MAIN", 1],
      ["MTR-STEP-42", 1],
      ["SNS-PRES-01", 1],
      ["LCD-43-TFT", 1],
      ["BAT-LI-7V4", 1],
      ["HSG-IP-FRONT", 1],
      ["SCR-M3X8", 8],
      ["LBL-UDI-SET", 1],
      ["IFU-IP-EN-ZH", 1],
      ["CTN-IP", 1],
    ],
    v2: [
      ["PCB-IP-MAIN", 1],
      ["MTR-STEP-42", 1],
      ["SNS-PRES-01", 1],
      ["LCD-43-TFT", 1],
      ["BAT-LI-7V4", 1],
      ["HSG-IP-FRONT", 1],
      ["SCR-M3X8", 8],
      ["CTG-ACRYL", 3],
      ["LBL-UDI-SET", 1],
      ["IFU-IP-EN-ZH", 1],
      ["CTN-IP", 1],
    ],
    eco: "ECO-2026-015: conformal coating on the main board",
  },
  "PM-500": {
    v1: [
      ["PCB-PM-MAIN", 1],
      ["LCD-121-TFT", 1],
      ["MOD-SPO2", 1],
      ["MOD-ECG-5", 1],
      ["MOD-NIBP", 1],
      ["BAT-LI-7V4", 1],
      ["HSG-PM-SET", 1],
      ["SCR-M3X8", 16],
      ["PSU-15V-60W", 1],
      ["LBL-UDI-SET", 1],
      ["IFU-PM-EN-ZH", 1],
      ["CTN-PM", 1],
    ],
    v2: [
      ["PCB-PM-MAIN", 1],
      ["LCD-121-TFT", 1],
      ["MOD-SPO2", 1],
      ["MOD-ECG-5", 1],
      ["MOD-NIBP", 1],
      ["BAT-LI-7V4", 2],
      ["HSG-PM-SET", 1],
      ["SCR-M3X8", 16],
      ["PSU-15V-60W", 1],
      ["LBL-UDI-SET", 1],
      ["IFU-PM-EN-ZH", 1],
      ["CTN-PM", 1],
    ],
    eco: "ECO-2026-021: second battery for 4 h transport autonomy",
  },
  "PM-300": {
    v1: [
      ["PCB-PM-MAIN", 1],
      ["LCD-43-TFT", 1],
      ["MOD-SPO2", 1],
      ["MOD-NIBP", 1],
      ["BAT-LI-7V4", 1],
      ["HSG-PM-SET", 1],
      ["SCR-M3X8", 12],
      ["LBL-UDI-SET", 1],
      ["IFU-PM-EN-ZH", 1],
      ["CTN-PM", 1],
    ],
    v2: [
      ["PCB-PM-MAIN", 1],
      ["LCD-43-TFT", 1],
      ["MOD-SPO2", 1],
      ["MOD-ECG-5", 1],
      ["MOD-NIBP", 1],
      ["BAT-LI-7V4", 1],
      ["HSG-PM-SET", 1],
      ["SCR-M3X8", 12],
      ["LBL-UDI-SET", 1],
      ["IFU-PM-EN-ZH", 1],
      ["CTN-PM", 1],
    ],
    eco: "ECO-2026-022: ECG added to the compact monitor",
  },
};

/** Route operations as [code, name, work centre code, setup min, run min, inspection]. */
type Op = [string, string, string, number, number, "none" | "first-article" | "sampling" | "every-unit"];
const ROUTE_V1: Op[] = [
  ["ASSY", "Final assembly", "WC-ASSY-1", 30, 25, "first-article"],
  ["CAL", "Calibration", "WC-TEST-1", 15, 12, "every-unit"],
  ["FT", "Functional and safety test (IEC 60601-1)", "WC-TEST-1", 10, 15, "every-unit"],
  ["PACK", "Labelling and packing", "WC-PACK-1", 10, 6, "sampling"],
];
const ROUTE_V2: Op[] = [
  ["ASSY", "Final assembly", "WC-ASSY-1", 30, 22, "first-article"],
  ["BURN", "Burn-in 8 h", "WC-TEST-1", 5, 2, "none"],
  ["CAL", "Calibration", "WC-TEST-1", 15, 12, "every-unit"],
  ["FT", "Functional and safety test (IEC 60601-1)", "WC-TEST-1", 10, 15, "every-unit"],
  ["FQC", "Final quality inspection", "WC-QC-1", 5, 8, "every-unit"],
  ["PACK", "Labelling and packing", "WC-PACK-1", 10, 6, "sampling"],
];

async function ensure<T extends { code: string }>(existing: T[], code: string, create: () => Promise<T>): Promise<T> {
  return existing.find((r) => r.code === code.toUpperCase()) ?? create();
}

/** Independent records are written in parallel: DynamoDB Local takes tens of milliseconds per transaction. */
export async function seedMasterData(hospitals: { tenantId: string; name: string }[]): Promise<void> {
  // Through the CSV import (one transaction per file, so at most 24 rows each); unchanged rows are
  // skipped on a re-run.
  for (let i = 0; i < MATERIALS.length; i += 20) {
    const csv = toCsv(MATERIALS.slice(i, i + 20));
    await MasterDataImport.run({ kind: "materials", mode: "all", csv, reason: "demo seed" });
  }
  const materials = new Map((await Materials.list()).map((m) => [m.code, m]));
  const materialId = (code: string) => materials.get(code)!.materialId;

  const [site] = await Promise.all([
    ensure(await Sites.list(), "SZ-PLANT", () =>
      Sites.create({
        code: "SZ-PLANT",
        name: "Suzhou plant",
        address: "88 Xinghu Street, Suzhou Industrial Park",
        timezone: "Asia/Shanghai",
      }),
    ),
    seedSuppliers(materialId),
    seedCustomers(hospitals),
  ]);
  const [workCentre] = await Promise.all([seedWorkCentres(site.siteId), seedWarehouses(site.siteId)]);

  const products = await Products.list();
  await Promise.all(
    PRODUCTS.map(async (p) => {
      const { productId } = await ensure(products, p.code, () => Products.create(p));
      await Promise.all([
        seedBom(productId, BOMS[p.code]!, (code) => materials.get(code)!),
        seedRoute(productId, (code) => workCentre.get(code)!),
      ]);
    }),
  );
}

async function seedSuppliers(materialId: (code: string) => string) {
  const rows = SUPPLIERS.map((s) => s.supplier);
  await MasterDataImport.run({ kind: "suppliers", mode: "all", csv: toCsv(rows), reason: "demo seed" });
  const suppliers = await Suppliers.list();
  const certificates = await Certificates.list({});
  await Promise.all(
    SUPPLIERS.map(async (s) => {
      const supplier = suppliers.find((x) => x.code === s.supplier.code)!;
      await Promise.all(
        s.certificates.map((c) =>
          ensure(certificates, c.code, () =>
            Certificates.create({
              supplierId: supplier.supplierId,
              code: c.code,
              type: c.type,
              issuer: c.issuer,
              scopeCategories: c.categories ?? [],
              scopeMaterialIds: (c.materials ?? []).map(materialId),
              validFrom: c.validFrom,
              expiresOn: c.expiresOn,
            }),
          ),
        ),
      );
    }),
  );
}

async function seedCustomers(hospitals: { tenantId: string; name: string }[]) {
  const rows = [
    ...hospitals.map((h, i) => ({
      code: `CUS-${h.tenantId.toUpperCase()}`,
      name: h.name,
      type: "hospital",
      region: i === 0 ? "East China" : "North China",
      tenantRef: h.tenantId,
    })),
    { code: "CUS-MEDDIST-JS", name: "Jiangsu Medical Distribution Co.", type: "distributor", region: "East China" },
  ];
  await MasterDataImport.run({ kind: "customers", mode: "all", csv: toCsv(rows), reason: "demo seed" });
}

/** Rows as CSV with the union of their keys as the header; every value quoted (the seed has no quote marks). */
export function toCsv(rows: Record<string, unknown>[]): string {
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [header.join(","), ...rows.map((r) => header.map((h) => `"${String(r[h] ?? "")}"`).join(","))].join("\n");
}

const LAYOUT: [string, string, Warehouses.Info["purpose"], [string, string, Locations.Info["kind"]][]][] = [
  [
    "WH-RAW",
    "Raw materials store",
    "raw-material",
    [
      ["A-01-01", "Rack A, bay 1, level 1", "rack"],
      ["A-01-02", "Rack A, bay 1, level 2", "rack"],
      ["A-02-01", "Rack A, bay 2, level 1", "rack"],
      ["B-01", "Small parts bins", "bin"],
      ["CS-01", "Cold store for coatings", "cold-store"],
    ],
  ],
  ["WH-WIP", "Line-side store", "work-in-progress", [["L1-01", "Line 1 kanban shelf", "shelf"]]],
  [
    "WH-FG",
    "Finished goods",
    "finished-goods",
    [
      ["F-01", "Pallet floor 1", "floor"],
      ["F-02", "Pallet floor 2", "floor"],
    ],
  ],
  ["WH-QA", "Quarantine", "quarantine", [["Q-01", "Quarantine cage", "quarantine"]]],
  ["WH-SP", "Service spare parts", "spare-parts", [["S-01", "Spare parts shelf 1", "shelf"]]],
];

async function seedWarehouses(siteId: string) {
  const warehouses = await Warehouses.list();
  await Promise.all(
    LAYOUT.map(async ([code, name, purpose, locations]) => {
      const wh = await ensure(warehouses, code, () => Warehouses.create({ code, name, siteId, purpose }));
      const have = await Locations.list({ warehouseId: wh.warehouseId });
      await Promise.all(
        locations.map(([lc, ln, kind]) =>
          ensure(have, lc, () => Locations.create({ warehouseId: wh.warehouseId, code: lc, name: ln, kind })),
        ),
      );
    }),
  );
}

async function seedWorkCentres(siteId: string): Promise<Map<string, string>> {
  const centres = await WorkCentres.list();
  const wanted = [
    ["WC-ASSY-1", "Assembly line 1", "assembly-line"],
    ["WC-TEST-1", "Test and calibration bench 1", "test-bench"],
    ["WC-QC-1", "Final inspection station", "inspection"],
    ["WC-PACK-1", "Packing station", "packaging"],
  ] as const;
  const done = await Promise.all(
    wanted.map(([code, name, kind]) => ensure(centres, code, () => WorkCentres.create({ code, name, kind, siteId }))),
  );
  return new Map(done.map((wc) => [wc.code, wc.workCentreId]));
}

async function seedBom(
  productId: string,
  bom: { v1: [string, number][]; v2: [string, number][]; eco: string },
  material: (code: string) => Materials.Info,
) {
  if ((await Boms.list({ productId })).length) return;
  const lines = (rows: [string, number][]) =>
    rows.map(([code, quantity], i) => ({
      position: (i + 1) * 10,
      materialId: material(code).materialId,
      quantity,
      unit: material(code).unit,
    }));
  await Boms.create({ productId, note: "Initial release from design transfer", lines: lines(bom.v1) });
  await Boms.release({ productId, revision: 1, effectiveFrom: "2026-01-01", reason: "Design transfer DT-2025-09" });
  await Boms.create({ productId, note: bom.eco, lines: lines(bom.v2) });
  await Boms.release({ productId, revision: 2, effectiveFrom: "2026-06-01", reason: bom.eco });
}

async function seedRoute(productId: string, workCentreId: (code: string) => string) {
  if ((await ProcessRoutes.list({ productId })).length) return;
  const operations = (ops: Op[]) =>
    ops.map(([code, name, wc, setupMinutes, runMinutes, inspection], i) => ({
      sequence: (i + 1) * 10,
      code,
      name,
      workCentreId: workCentreId(wc),
      setupMinutes,
      runMinutes,
      inspection,
    }));
  await ProcessRoutes.create({ productId, note: "Initial route", operations: operations(ROUTE_V1) });
  await ProcessRoutes.release({
    productId,
    revision: 1,
    effectiveFrom: "2026-01-01",
    reason: "Process validation PV-2025-11",
  });
  await ProcessRoutes.create({
    productId,
    note: "Burn-in and final QC added (CAPA-2026-003)",
    operations: operations(ROUTE_V2),
  });
  await ProcessRoutes.release({
    productId,
    revision: 2,
    effectiveFrom: "2026-06-01",
    reason: "CAPA-2026-003: early failures found in the field",
  });
}
