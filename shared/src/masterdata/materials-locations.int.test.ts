import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { withActor, withScope } from "../tenant/context.ts";
import { Locations, Materials, Sites, Warehouses } from "./index.ts";

const as = <T>(tenantId: string, fn: () => Promise<T>) => withActor({ type: "system", tenantId, name: "test" }, fn);

const resistor = {
  code: "res-10k",
  name: "Resistor 10 kΩ 0603",
  category: "electronic" as const,
  unit: "pcs" as const,
  tracking: "lot" as const,
};

describe("materials", () => {
  beforeAll(() => ensureTestTable());

  it("creates with a normalised code, refuses the same code again (409) and writes nothing", async () => {
    const m = await as("acme", () => Materials.create(resistor));
    expect(m).toMatchObject({ code: "RES-10K", version: 1, status: "active" });
    await expect(as("acme", () => Materials.create({ ...resistor, code: " RES-10k " }))).rejects.toMatchObject({
      kind: "conflict",
      code: "material-code-taken",
    });
    const all = await as("acme", () => Materials.list());
    expect(all.filter((x) => x.code === "RES-10K")).toHaveLength(1);
    // The same code is free in another tenant
    await expect(as("other", () => Materials.create(resistor))).resolves.toMatchObject({ code: "RES-10K" });
  });

  it("an idempotent retry returns the first answer", async () => {
    const scope = {
      actor: { type: "system" as const, tenantId: "acme", name: "t" },
      idempotency: { key: "mk1", requestHash: "h" },
    };
    const input = { ...resistor, code: "RES-1K" };
    const first = await withScope(scope, () => Materials.create(input));
    const again = await withScope(scope, () => Materials.create(input));
    expect(again).toEqual(first);
  });

  it("keeps every version with who and why; an unchanged update writes no version", async () => {
    const m = await as("acme", () => Materials.create({ ...resistor, code: "CAP-1U", name: "Cap 1 µF" }));
    const { materialId, code: _code, version: _v, status: _s, changedAt: _a, changedBy: _b, ...fields } = m;
    const v2 = await as("acme", () =>
      Materials.update({ materialId, ...fields, shelfLifeDays: 730, reason: "supplier datasheet rev C" }),
    );
    expect(v2).toMatchObject({ version: 2, shelfLifeDays: 730 });
    await as("acme", () => Materials.update({ materialId, ...fields, shelfLifeDays: 730, reason: "no change at all" }));
    const history = await as("acme", () => Materials.versions({ materialId }));
    expect(history.map((h) => [h.version, h.change, h.reason])).toEqual([
      [1, "created", "created"],
      [2, "updated", "supplier datasheet rev C"],
    ]);
    expect(history[0]!.record).not.toHaveProperty("shelfLifeDays");
    expect(history[1]!.changedBy).toBe("system:test");
  });

  it("refuses an invalid unit and a missing reason with field errors", async () => {
    expect(() => Materials.create.schema.parse({ ...resistor, unit: "pieces" })).toThrow(/unit|Invalid option/);
    expect(() =>
      Materials.update.schema.parse({
        materialId: "x",
        name: "n",
        category: "label",
        unit: "pcs",
        tracking: "none",
        reason: "",
      }),
    ).toThrow(/say why/);
  });

  it("another tenant cannot read a material by id", async () => {
    const m = await as("acme", () => Materials.create({ ...resistor, code: "SECRET-1" }));
    await expect(as("other", () => Materials.get({ materialId: m.materialId }))).rejects.toMatchObject({
      code: "material-not-found",
    });
  });
});

describe("sites, warehouses and locations", () => {
  beforeAll(() => ensureTestTable());

  it("builds a site → warehouse → location tree; location codes are unique per warehouse", async () => {
    const site = await as("acme", () => Sites.create({ code: "SZ", name: "Suzhou plant", timezone: "Asia/Shanghai" }));
    const raw = await as("acme", () =>
      Warehouses.create({ code: "WH-RAW", name: "Raw", siteId: site.siteId, purpose: "raw-material" }),
    );
    const fg = await as("acme", () =>
      Warehouses.create({ code: "WH-FG", name: "Finished", siteId: site.siteId, purpose: "finished-goods" }),
    );
    const a1 = await as("acme", () =>
      Locations.create({ warehouseId: raw.warehouseId, code: "A-01", name: "Rack A 01", kind: "rack" }),
    );
    await expect(
      as("acme", () => Locations.create({ warehouseId: raw.warehouseId, code: "a-01", name: "dup", kind: "bin" })),
    ).rejects.toMatchObject({ code: "location-code-taken" });
    await expect(
      as("acme", () => Locations.create({ warehouseId: fg.warehouseId, code: "A-01", name: "FG A 01", kind: "bin" })),
    ).resolves.toMatchObject({ code: "A-01" });
    await expect(
      as("acme", () => Locations.get({ warehouseId: raw.warehouseId, locationId: a1.locationId })),
    ).resolves.toMatchObject({ code: "A-01", kind: "rack" });
    expect((await as("acme", () => Locations.list({ warehouseId: raw.warehouseId }))).map((l) => l.code)).toEqual([
      "A-01",
    ]);
  });

  it("a warehouse needs a known site (422) and a bad time zone is refused", async () => {
    await expect(
      as("acme", () =>
        Warehouses.create({
          code: "WH-X",
          name: "X",
          siteId: "00000000-0000-4000-8000-000000000000",
          purpose: "quarantine",
        }),
      ),
    ).rejects.toMatchObject({ kind: "unprocessable", code: "unknown-site" });
    expect(() => Sites.create.schema.parse({ code: "X", name: "X", timezone: "Mars/Olympus" })).toThrow(/time zone/);
  });
});
