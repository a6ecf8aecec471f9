import { routesOf } from "@medloop/functions/declaration/types";
import { waitFor } from "@medloop/infra/local/ports";
import { ProcurementEvents, patternFor, Udi } from "@medloop/shared";
import { procurement } from "@medloop/shared/contracts/procurement";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";
import { fillPath } from "./route-samples.ts";

/** Procurement through the platform: order → scan the label → quarantine → inspect → released. */
const onBus: { "detail-type": string; detail: { data: Record<string, unknown> } }[] = [];
let p: TestPlatform;
let buyer: string;
let store: string;
let inspector: string;
let quality: string;
let quarantine: { warehouseId: string; locationId: string };
const ids: Record<string, string> = {};

const gtin = (base13: string) => base13 + Udi.gs1CheckDigit(base13);
// The seeded supplier parts (infra/src/local/seed-procurement.ts).
const AIL_GTIN = gtin("0695012340001");
const HOUSING_GTIN = gtin("0695012340005");
const GS = String.fromCharCode(29);
/** As a DataMatrix scanner sends it: symbology identifier, fixed-length AIs, GS after the variable-length lot. */
const label = (g: string, lot: string, count: number) => `]d201${g}17301231${"10"}${lot}${GS}37${count}`;

beforeAll(async () => {
  p = await startTestPlatform({
    extraRules: [
      {
        name: "test-tap",
        pattern: patternFor(...Object.values(ProcurementEvents)),
        target: async (event) => {
          onBus.push(event as (typeof onBus)[number]);
        },
      },
    ],
  });
  [buyer, store, inspector, quality] = (await Promise.all(
    ["buyer", "warehouse", "qc-inspector", "quality-engineer"].map((r) => p.login("acme-med", `${r}@acme-med.test`)),
  )) as [string, string, string, string];
  const get = async (path: string) => (await p.call("GET", path, { token: buyer })).body;
  const [materials, suppliers] = await Promise.all([get("/v1/materials"), get("/v1/suppliers")]);
  const byCode = (items: { code: string }[], code: string) => items.find((i) => i.code === code) as never;
  ids.ail = (byCode(materials.items, "SNS-AIL-01") as { materialId: string }).materialId;
  ids.housing = (byCode(materials.items, "HSG-IP-FRONT") as { materialId: string }).materialId;
  ids.desens = (byCode(suppliers.items, "SUP-DESENS") as { supplierId: string }).supplierId;
  ids.dgplast = (byCode(suppliers.items, "SUP-DGPLAST") as { supplierId: string }).supplierId;
  const warehouses = await get("/v1/warehouses");
  const qa = byCode(warehouses.items, "WH-QA") as { warehouseId: string };
  const cage = (await get(`/v1/warehouses/${qa.warehouseId}/locations`)).items[0];
  quarantine = { warehouseId: qa.warehouseId, locationId: cage.locationId };
});
afterAll(() => p?.stop());

async function approvedOrder(supplierId: string, materialId: string, quantity: number) {
  const created = await p.call("POST", "/v1/purchase-orders", {
    token: buyer,
    headers: { "idempotency-key": `po-${supplierId.slice(0, 8)}-${Date.now()}` },
    body: { supplierId, lines: [{ materialId, quantity, unit: "pcs", dueDate: "2030-01-15" }] },
  });
  expect(created.status).toBe(201);
  const approved = await p.call("POST", `/v1/purchase-orders/${created.body.poId}/approve`, { token: buyer });
  expect(approved.body.order.status).toBe("approved");
  return created.body.poId as string;
}

describe("scan → receive → inspect → release", () => {
  it("receives a scanned label into quarantine once, and accepting at inspection releases the lot", async () => {
    const poId = await approvedOrder(ids.desens!, ids.ail!, 300);
    const scan = label(AIL_GTIN, "AIL-E2E-1", 300);
    const receive = () =>
      p.call("POST", `/v1/purchase-orders/${poId}/receipts`, {
        token: store,
        headers: { "idempotency-key": `receipt-${poId}` },
        body: { scan, ...quarantine },
      });
    const first = await receive();
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      lotNo: "AIL-E2E-1",
      quantity: 300,
      expiresOn: "2030-12-31",
      status: "awaiting-inspection",
    });
    // The scanner retries: same answer, received once.
    const retry = await receive();
    expect(retry.body).toEqual(first.body);
    const lotPath = `/v1/inventory/materials/${ids.ail}/lots/AIL-E2E-1`;
    const held = await p.call("GET", lotPath, { token: store });
    expect(held.body.lot.status).toBe("hold");
    expect(held.body.balances).toMatchObject([{ onHand: 300, ...quarantine }]);
    // A held lot cannot be issued.
    const issue = await p.call("POST", "/v1/inventory/issues", {
      token: store,
      body: { materialId: ids.ail, lotNo: "AIL-E2E-1", ...quarantine, quantity: 1 },
    });
    expect(issue.body.error.code).toBe("lot-on-hold");

    const plan = await p.call("GET", "/v1/sampling-plans?lotSize=300&aql=1.0", { token: inspector });
    expect(plan.body).toMatchObject({ codeLetter: "H", sampleSize: 50, acceptance: 1, rejection: 2 });
    const inspected = await p.call("POST", `/v1/purchase-orders/${poId}/receipts/${first.body.receiptId}/inspection`, {
      token: inspector,
      body: {
        aql: "1.0",
        characteristics: [
          { name: "Bubble detection", requirement: "detects 50 µl", measured: "50/50", nonconforming: 0 },
        ],
        defectives: 0,
        decision: "accept",
      },
    });
    expect(inspected.status).toBe(201);
    expect((await p.call("GET", lotPath, { token: store })).body.lot.status).toBe("released");
    const origin = await p.call("GET", `/v1/lot-origins/${ids.ail}/AIL-E2E-1`, { token: inspector });
    expect(origin.body).toMatchObject({ supplierCode: "SUP-DESENS", poId, inspection: { result: "accepted" } });
    expect(origin.body.certificates.length).toBeGreaterThan(0);

    await waitFor(
      () =>
        [
          "Procurement.PurchaseOrderApproved.v1",
          "Procurement.GoodsReceived.v1",
          "Procurement.InspectionCompleted.v1",
        ].every((t) => onBus.some((e) => e["detail-type"] === t && e.detail.data.poId === poId)),
      { what: "procurement events on the bus", timeoutMs: 20_000 },
    );
    expect(
      onBus.filter((e) => e["detail-type"] === "Procurement.GoodsReceived.v1" && e.detail.data.poId === poId),
    ).toHaveLength(1);
  });

  it("refuses the lapsed supplier, refuses a wrong password, and takes a quality engineer's signed override", async () => {
    const poId = await approvedOrder(ids.dgplast!, ids.housing!, 100);
    const path = `/v1/purchase-orders/${poId}/receipts`;
    const body = { scan: `(01)${HOUSING_GTIN}(10)HF-E2E(37)100`, ...quarantine };
    const refused = await p.call("POST", path, { token: store, body });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("supplier-not-qualified");
    const reason = "Renewed certificate seen at supplier audit; upload pending";
    const wrong = await p.call("POST", path, {
      token: quality,
      body: { ...body, override: { reason, password: "not it" } },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe("signature-invalid");
    expect((await p.call("GET", `/v1/purchase-orders/${poId}`, { token: buyer })).body.receipts).toEqual([]);
    const signed = await p.call("POST", path, {
      token: quality,
      body: { ...body, override: { reason, password: p.demo.password } },
    });
    expect(signed.status).toBe(201);
    expect(signed.body.override).toMatchObject({
      reason,
      meaning: "override",
      qualificationIssues: ["certificate-expired"],
    });
  });
});

describe("a hospital", () => {
  it("gets 403 on every procurement route", async () => {
    const hospital = await p.login("city-hospital", "admin@city-hospital.test");
    for (const r of routesOf(procurement)) {
      const path = fillPath(r.path, {
        poId: crypto.randomUUID(),
        receiptId: crypto.randomUUID(),
        materialId: ids.ail!,
        lotNo: "AIL-2611",
      });
      const res = await p.call(r.method, path, { token: hospital, body: r.method === "GET" ? undefined : {} });
      expect([r.path, res.status, res.body.error.code]).toEqual([r.path, 403, "tenant-kind-not-allowed"]);
    }
  });
});
