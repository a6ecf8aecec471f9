import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { withActor } from "../tenant/context.ts";
import { Boms, Certificates, Materials, ProcessRoutes, Products, Sites, Suppliers, WorkCentres } from "./index.ts";

const as = <T>(fn: () => Promise<T>) => withActor({ type: "system", tenantId: "acme", name: "test" }, fn);

const pump = {
  code: "IP-100",
  name: "Infusion pump IP-100",
  udiDi: "06901234000016",
  deviceClass: "IIb" as const,
  modelNumber: "IP-100",
  modelVersion: "HW2/SW1.4",
  tracking: "serial" as const,
};

describe("products", () => {
  beforeAll(() => ensureTestTable());

  it("keeps the UDI-DI as GTIN-14 and refuses a wrong check digit with the expected one", async () => {
    const p = await as(() => Products.create({ ...pump, udiDi: "6901234000016" }));
    expect(p.udiDi).toBe("06901234000016");
    const bad = Products.create.schema.safeParse({ ...pump, udiDi: "06901234000017" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("wrong GS1 check digit: 7, expected 6");
    expect(Products.create.schema.safeParse({ ...pump, udiDi: "12345" }).success).toBe(false);
  });

  it("one UDI-DI belongs to one product (409), under any GTIN length", async () => {
    await expect(as(() => Products.create({ ...pump, code: "IP-100B", udiDi: "6901234000016" }))).rejects.toMatchObject(
      { code: "udi-di-taken" },
    );
    // nothing of the refused product was written, not even its code
    expect((await as(() => Products.list())).map((p) => p.code)).toEqual(["IP-100"]);
  });
});

describe("supplier qualification", () => {
  let supplierId: string;
  let pcb: Materials.Info;
  let housing: Materials.Info;
  beforeAll(async () => {
    await ensureTestTable();
    pcb = await as(() =>
      Materials.create({ code: "PCB-1", name: "Main board", category: "electronic", unit: "pcs", tracking: "lot" }),
    );
    housing = await as(() =>
      Materials.create({ code: "HSG-1", name: "Housing", category: "mechanical", unit: "pcs", tracking: "lot" }),
    );
    supplierId = (
      await as(() => Suppliers.create({ code: "SUP-EMS", name: "EMS Co", country: "cn", approval: "approved" }))
    ).supplierId;
    await as(() =>
      Certificates.create({
        supplierId,
        code: "ISO13485-2024-001",
        type: "iso-13485",
        issuer: "TÜV",
        scopeMaterialIds: [],
        scopeCategories: ["electronic"],
        validFrom: "2024-01-01",
        expiresOn: "2026-12-31",
      }),
    );
  });

  it("is qualified for a material in a certificate's category while it is valid", async () => {
    const q = await as(() => Certificates.isQualified({ supplierId, materialId: pcb.materialId, date: "2026-06-01" }));
    expect(q).toMatchObject({ qualified: true, reasons: [] });
    expect(q.certificates.map((c) => c.code)).toEqual(["ISO13485-2024-001"]);
  });

  it("is not qualified after expiry, before validity or outside the scope — with the reason", async () => {
    const on = (materialId: string, date: string) =>
      as(() => Certificates.isQualified({ supplierId, materialId, date }));
    expect(await on(pcb.materialId, "2027-01-01")).toMatchObject({
      qualified: false,
      reasons: ["certificate-expired"],
    });
    expect(await on(pcb.materialId, "2023-12-31")).toMatchObject({
      qualified: false,
      reasons: ["certificate-not-yet-valid"],
    });
    expect(await on(housing.materialId, "2026-06-01")).toMatchObject({
      qualified: false,
      reasons: ["no-certificate-in-scope"],
    });
  });

  it("a blocked supplier is not qualified whatever its certificates", async () => {
    await as(() =>
      Suppliers.update({ supplierId, name: "EMS Co", country: "CN", approval: "blocked", reason: "audit failed" }),
    );
    const q = await as(() => Certificates.isQualified({ supplierId, materialId: pcb.materialId, date: "2026-06-01" }));
    expect(q).toMatchObject({ qualified: false, reasons: ["supplier-not-approved"] });
  });

  it("refuses a certificate without scope, with expiry before validity, or naming an unknown material", async () => {
    const base = {
      supplierId,
      code: "X-1",
      type: "material-approval" as const,
      issuer: "Acme QA",
      scopeMaterialIds: [],
      scopeCategories: [],
      validFrom: "2025-01-01",
      expiresOn: "2024-01-01",
    };
    const r = Certificates.create.schema.safeParse(base);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["scopeMaterialIds", "expiresOn"]);
    await expect(
      as(() =>
        Certificates.create({
          ...base,
          expiresOn: "2026-01-01",
          scopeMaterialIds: ["00000000-0000-4000-8000-000000000000"],
        }),
      ),
    ).rejects.toMatchObject({ code: "unknown-material" });
  });
});

describe("BOM and route revisions", () => {
  let productId: string;
  let pcb: Materials.Info;
  let workCentreId: string;
  beforeAll(async () => {
    await ensureTestTable();
    productId = (await as(() => Products.create({ ...pump, code: "PM-7", udiDi: "06901234000108" }))).productId;
    pcb = await as(() =>
      Materials.create({ code: "PCB-7", name: "Board", category: "electronic", unit: "pcs", tracking: "lot" }),
    );
    const site = await as(() => Sites.create({ code: "S-7", name: "Plant", timezone: "Asia/Shanghai" }));
    workCentreId = (
      await as(() => WorkCentres.create({ code: "WC-7", name: "Line 7", siteId: site.siteId, kind: "assembly-line" }))
    ).workCentreId;
  });

  it("drafts, releases, supersedes and answers which revision was effective on a date", async () => {
    const line = { position: 10, materialId: pcb.materialId, quantity: 1, unit: "pcs" as const };
    const r1 = await as(() => Boms.create({ productId, note: "first", lines: [line] }));
    expect(r1).toMatchObject({ revision: 1, state: "draft" });
    await as(() => Boms.release({ productId, revision: 1, effectiveFrom: "2026-01-01", reason: "design transfer" }));
    const r2 = await as(() => Boms.create({ productId, note: "two boards", lines: [{ ...line, quantity: 2 }] }));
    await as(() => Boms.release({ productId, revision: r2.revision, effectiveFrom: "2026-03-01", reason: "ECO-12" }));

    const at = (date: string) => as(() => Boms.effectiveAt({ productId, date }));
    expect((await at("2026-02-28")).revision).toBe(1);
    expect((await at("2026-03-01")).revision).toBe(2);
    await expect(at("2025-12-31")).rejects.toMatchObject({ kind: "not-found", code: "no-effective-bom" });
    const all = await as(() => Boms.list({ productId }));
    expect(all.map((r) => [r.revision, r.state, r.effectiveFrom, r.effectiveTo])).toEqual([
      [1, "released", "2026-01-01", "2026-03-01"],
      [2, "released", "2026-03-01", undefined],
    ]);
    expect(all[1]).toMatchObject({ releaseReason: "ECO-12", releasedBy: "system:test" });
  });

  it("a released revision is immutable and cannot be released twice", async () => {
    const line = { position: 10, materialId: pcb.materialId, quantity: 3, unit: "pcs" as const };
    await expect(
      as(() => Boms.editDraftRevision({ productId, revision: 1, note: "sneaky", lines: [line] })),
    ).rejects.toMatchObject({ kind: "conflict", code: "revision-released" });
    await expect(
      as(() => Boms.release({ productId, revision: 1, effectiveFrom: "2026-05-01", reason: "again" })),
    ).rejects.toMatchObject({ code: "revision-released" });
    expect((await as(() => Boms.get({ productId, revision: 1 }))).lines[0]?.quantity).toBe(1);
  });

  it("refuses a line in another unit than its material's, and a release dated before the current one", async () => {
    await expect(
      as(() =>
        Boms.create({
          productId,
          note: "x",
          lines: [{ position: 1, materialId: pcb.materialId, quantity: 1, unit: "kg" }],
        }),
      ),
    ).rejects.toMatchObject({ code: "invalid-bom-lines" });
    const r = await as(() =>
      Boms.create({
        productId,
        note: "late",
        lines: [{ position: 1, materialId: pcb.materialId, quantity: 1, unit: "pcs" }],
      }),
    );
    await expect(
      as(() => Boms.release({ productId, revision: r.revision, effectiveFrom: "2026-02-01", reason: "backdated" })),
    ).rejects.toMatchObject({ code: "effective-before-current" });
  });

  it("routes: operations sorted by sequence on known work centres", async () => {
    const op = (sequence: number, code: string) => ({
      sequence,
      code,
      name: code,
      workCentreId,
      setupMinutes: 10,
      runMinutes: 5,
      inspection: "none" as const,
    });
    const r = await as(() =>
      ProcessRoutes.create({ productId, note: "v1", operations: [op(20, "TEST"), op(10, "ASSY")] }),
    );
    expect(r.operations.map((o) => o.code)).toEqual(["ASSY", "TEST"]);
    await expect(
      as(() =>
        ProcessRoutes.create({
          productId,
          note: "bad",
          operations: [{ ...op(10, "X"), workCentreId: "00000000-0000-4000-8000-000000000000" }],
        }),
      ),
    ).rejects.toMatchObject({ code: "unknown-work-centre" });
    await as(() =>
      ProcessRoutes.release({ productId, revision: 1, effectiveFrom: "2026-01-01", reason: "first release" }),
    );
    expect((await as(() => ProcessRoutes.effectiveAt({ productId, date: "2030-01-01" }))).revision).toBe(1);
  });
});
