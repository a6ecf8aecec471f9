import { capabilities } from "@medloop/functions/declaration/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../test/platform.ts";
import { fillPath, routeSamples, type Victim } from "./route-samples.ts";

const masterData = capabilities.find((c) => c.name === "master-data")!;

let p: TestPlatform;
let admin: string;
const headers = (key: string) => ({ "idempotency-key": key });

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.login("acme-med", "admin@acme-med.test");
});
afterAll(() => p?.stop());

describe("given the seeded acme-med master data", () => {
  it("lists realistic products with valid UDI-DIs, suppliers, certificates and BOM revisions", async () => {
    const products = (await p.call("GET", "/v1/products", { token: admin })).body.items;
    expect(products.map((x: { code: string }) => x.code)).toEqual(["IP-200", "PM-300", "PM-500", "SP-100"]);
    expect((await p.call("GET", "/v1/materials", { token: admin })).body.items.length).toBeGreaterThanOrEqual(20);
    const certs = (await p.call("GET", "/v1/certificates", { token: admin })).body.items;
    expect(certs.map((c: { validity: string }) => c.validity)).toEqual(
      expect.arrayContaining(["expired", "expiring", "valid"]),
    );
    const pump = products.find((x: { code: string }) => x.code === "IP-200");
    const boms = (await p.call("GET", `/v1/products/${pump.productId}/boms`, { token: admin })).body.items;
    expect(boms.map((b: { revision: number; state: string }) => [b.revision, b.state])).toEqual([
      [1, "released"],
      [2, "released"],
    ]);
    const eff = await p.call("GET", `/v1/products/${pump.productId}/effective-bom?date=2026-03-01`, { token: admin });
    expect(eff.body.revision).toBe(1);
  });
});

describe("a hospital or partner user", () => {
  let victim: Victim;
  beforeAll(async () => {
    const first = async (path: string) => (await p.call("GET", path, { token: admin })).body.items[0];
    const [product, material, supplier, customer, site, warehouse, workCentre] = await Promise.all(
      ["products", "materials", "suppliers", "customers", "sites", "warehouses", "work-centres"].map((r) =>
        first(`/v1/${r}`),
      ),
    );
    victim = {
      tenantId: "acme-med",
      userId: "",
      email: "",
      productId: product.productId,
      materialId: material.materialId,
      supplierId: supplier.supplierId,
      certificateId: (await first(`/v1/suppliers/${supplier.supplierId}/certificates`)).certificateId,
      customerId: customer.customerId,
      siteId: site.siteId,
      warehouseId: warehouse.warehouseId,
      locationId: (await first(`/v1/warehouses/${warehouse.warehouseId}/locations`)).locationId,
      workCentreId: workCentre.workCentreId,
      // Stock ids: only the inventory routes' samples read them.
      stock: { materialId: material.materialId, lotNo: "-", warehouseId: warehouse.warehouseId, locationId: "" },
      reservationId: "",
      countId: "",
      poId: "",
      receiptId: "",
      receivedLot: { materialId: material.materialId, lotNo: "-" },
      thingName: "",
      deviceId: "",
      // Shipping ids: only the shipping routes' samples read them.
      shipmentId: "",
      shippedSerial: { productId: product.productId, serialNo: "" },
      installedId: "",
      linkedHospital: "river-hospital",
      // Production ids: only the production routes' samples read them.
      orderId: "",
      ncId: "",
    };
  });

  it("gets 403 tenant-kind-not-allowed on every master-data route, whatever their role, and nothing changes", async () => {
    const outsiders = [
      ["city-hospital", "admin"],
      ["city-hospital", "biomed-engineer"],
      ["river-hospital", "ward-user"],
      ["fixit-service", "admin"],
      ["fixit-service", "field-engineer"],
    ];
    const before = (await p.call("GET", "/v1/materials", { token: admin })).body;
    for (const [tenant, role] of outsiders) {
      const token = await p.login(tenant!, `${role}@${tenant}.test`);
      for (const r of masterData.routes ?? []) {
        const s = routeSamples[`${r.method} ${r.path}`]!(victim);
        const res = await p.call(r.method, fillPath(r.path, s.params), { token, body: s.body });
        expect([res.status, res.body.error?.code], `${tenant}/${role} ${r.method} ${r.path}`).toEqual([
          403,
          "tenant-kind-not-allowed",
        ]);
      }
    }
    expect((await p.call("GET", "/v1/materials", { token: admin })).body).toEqual(before);
  });
});

describe("a manufacturer keeping master data over the API", () => {
  it("creates a material once per idempotency key, refuses its code again (409) and bad input (400)", async () => {
    const body = { code: "e2e-res", name: "Resistor", category: "electronic", unit: "pcs", tracking: "lot" };
    const first = await p.call("POST", "/v1/materials", { token: admin, body, headers: headers("e2e-material-1") });
    expect(first.status).toBe(201);
    const again = await p.call("POST", "/v1/materials", { token: admin, body, headers: headers("e2e-material-1") });
    expect(again.body).toEqual(first.body);
    const dup = await p.call("POST", "/v1/materials", { token: admin, body, headers: headers("e2e-material-2") });
    expect([dup.status, dup.body.error.code]).toEqual([409, "material-code-taken"]);
    const bad = await p.call("POST", "/v1/materials", { token: admin, body: { ...body, code: "x y", unit: "kilo" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["body.code", "body.unit"]);
  });

  it("an update needs a reason and leaves the earlier version readable", async () => {
    const m = (await p.call("GET", "/v1/materials", { token: admin })).body.items.find(
      (x: { code: string }) => x.code === "E2E-RES",
    );
    const fields = { name: "Resistor 10k", category: "electronic", unit: "pcs", tracking: "lot" };
    const noReason = await p.call("PUT", `/v1/materials/${m.materialId}`, { token: admin, body: fields });
    expect(noReason.status).toBe(400);
    const ok = await p.call("PUT", `/v1/materials/${m.materialId}`, {
      token: admin,
      body: { ...fields, reason: "value added to the name" },
    });
    expect(ok.body.version).toBe(2);
    const versions = (await p.call("GET", `/v1/materials/${m.materialId}/versions`, { token: admin })).body.items;
    expect(versions.map((v: { record: { name: string } }) => v.record.name)).toEqual(["Resistor", "Resistor 10k"]);
    expect(versions[1].changedBy).toMatch(/^user:/);
  });

  it("a product with a wrong GTIN check digit is refused with the expected digit", async () => {
    const res = await p.call("POST", "/v1/products", {
      token: await p.login("acme-med", "quality-engineer@acme-med.test"),
      body: {
        code: "BAD-GTIN",
        name: "X",
        udiDi: "06950123450013",
        deviceClass: "II",
        modelNumber: "X",
        modelVersion: "1",
        tracking: "serial",
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "body.udiDi", message: "wrong GS1 check digit: 3, expected 2" }]);
  });

  it("uploads a certificate scan through a presigned URL, binds it and downloads it", async () => {
    const qe = await p.login("acme-med", "quality-engineer@acme-med.test");
    const supplier = (await p.call("GET", "/v1/suppliers", { token: qe })).body.items[0];
    const cert = (await p.call("GET", `/v1/suppliers/${supplier.supplierId}/certificates`, { token: qe })).body
      .items[0];
    const base = `/v1/suppliers/${supplier.supplierId}/certificates/${cert.certificateId}`;
    const upload = await p.call("POST", `${base}/document-upload`, {
      token: qe,
      body: { contentType: "application/pdf" },
    });
    expect(upload.status).toBe(200);
    const pdf = Buffer.from("%PDF-1.4\n% a scanned certificate\n");
    const put = await fetch(upload.body.url, {
      method: "PUT",
      body: pdf,
      headers: { "content-type": "application/pdf" },
    });
    expect([put.status, await put.text()]).toEqual([200, ""]);
    const foreign = await p.call("PUT", `${base}/document`, {
      token: qe,
      body: { key: "documents/other/x", fileName: "c.pdf", reason: "scan attached" },
    });
    expect(foreign.body.error.code).toBe("foreign-document-key");
    const attached = await p.call("PUT", `${base}/document`, {
      token: qe,
      body: { key: upload.body.key, fileName: "iso13485.pdf", reason: "scan attached" },
    });
    expect(attached.body).toMatchObject({ documentName: "iso13485.pdf", documentSize: pdf.length });
    const link = await p.call("GET", `${base}/document`, { token: qe });
    const download = await fetch(link.body.url);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
  });

  it("answers supplier qualification for receipts: an expired certificate blocks", async () => {
    const suppliers = (await p.call("GET", "/v1/suppliers", { token: admin })).body.items;
    const plastics = suppliers.find((s: { code: string }) => s.code === "SUP-DGPLAST");
    const housing = (await p.call("GET", "/v1/materials", { token: admin })).body.items.find(
      (m: { code: string }) => m.code === "HSG-IP-FRONT",
    );
    const today = new Date().toISOString().slice(0, 10);
    const q = await p.call(
      "GET",
      `/v1/suppliers/${plastics.supplierId}/qualification?materialId=${housing.materialId}&date=${today}`,
      { token: admin },
    );
    expect(q.body).toMatchObject({ qualified: false, reasons: ["certificate-expired"] });
  });

  it("imports CSV: a file with an invalid row writes nothing; valid-only writes the rest; the data dictionary is served", async () => {
    const buyer = await p.login("acme-med", "buyer@acme-med.test");
    const csv = "code,name,country,approval\nSUP-E2E-1,E2E One,CN,pending\nSUP-E2E-2,E2E Two,China,pending\n";
    const all = await p.call("POST", "/v1/master-data/imports", {
      token: buyer,
      body: { kind: "suppliers", mode: "all", csv },
    });
    expect([all.status, all.body.error.code]).toEqual([422, "import-has-invalid-rows"]);
    expect(all.body.error.details.report.rows[1]).toMatchObject({
      line: 3,
      action: "invalid",
      issues: [{ field: "country" }],
    });
    const codes = async () =>
      (await p.call("GET", "/v1/suppliers", { token: buyer })).body.items.map((s: { code: string }) => s.code);
    expect(await codes()).not.toContain("SUP-E2E-1");
    const some = await p.call("POST", "/v1/master-data/imports", {
      token: buyer,
      body: { kind: "suppliers", mode: "valid-only", csv },
      headers: headers("e2e-import-1"),
    });
    expect(some.body).toMatchObject({ committed: true, summary: { create: 1, invalid: 1 } });
    expect(await codes()).toContain("SUP-E2E-1");

    const dict = await p.call("GET", "/v1/data-dictionary", { token: buyer });
    expect(
      dict.body.items.find((e: { entity: string; field: string }) => e.entity === "product" && e.field === "udiDi"),
    ).toMatchObject({ unique: true, meaning: { zh: expect.stringContaining("UDI") } });
  });
});
