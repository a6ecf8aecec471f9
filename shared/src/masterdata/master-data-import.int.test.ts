import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { withActor } from "../tenant/context.ts";
import { MasterDataImport, Materials } from "./index.ts";

const as = <T>(fn: () => Promise<T>, roles: string[] = ["admin"]) =>
  withActor(
    { type: "user", tenantId: "acme", tenantKind: "manufacturer", userId: "u1", email: "a@x", roles: roles as never },
    fn,
  );

const header = "code,name,category,unit,tracking,shelfLifeDays";
const good = ["M-1,Screw M3,mechanical,pcs,lot,", "M-2,Glue,consumable,ml,lot,365"];
const bad = ["M-3,Cable,electronic,meters,lot,", "M-1,Again,mechanical,pcs,lot,"];
const file = (...rows: string[]) => [header, ...rows].join("\r\n");

describe("CSV import", () => {
  beforeAll(() => ensureTestTable());

  it("dry run reports each row and writes nothing", async () => {
    const r = await as(() => MasterDataImport.run({ kind: "materials", mode: "dry-run", csv: file(...good, ...bad) }));
    expect(r.summary).toEqual({ create: 2, update: 0, unchanged: 0, invalid: 2 });
    expect(r.rows[2]).toMatchObject({ line: 4, code: "M-3", action: "invalid", issues: [{ field: "unit" }] });
    expect(r.rows[3]).toMatchObject({
      line: 5,
      action: "invalid",
      issues: [{ message: "the code M-1 is already on line 2" }],
    });
    expect(await as(() => Materials.list())).toEqual([]);
  });

  it("an import with an invalid row writes nothing (422 with the report)", async () => {
    await expect(
      as(() => MasterDataImport.run({ kind: "materials", mode: "all", csv: file(...good, ...bad) })),
    ).rejects.toMatchObject({ kind: "unprocessable", code: "import-has-invalid-rows" });
    expect(await as(() => Materials.list())).toEqual([]);
  });

  it("valid-only writes the valid rows; the same file again changes nothing", async () => {
    const r = await as(() =>
      MasterDataImport.run({ kind: "materials", mode: "valid-only", csv: file(...good, ...bad) }),
    );
    expect(r).toMatchObject({ committed: true, summary: { create: 2, invalid: 2 } });
    expect((await as(() => Materials.list())).map((m) => m.code)).toEqual(["M-1", "M-2"]);
    const again = await as(() => MasterDataImport.run({ kind: "materials", mode: "all", csv: file(...good) }));
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 2, invalid: 0 });
  });

  it("a changed row becomes a new version with the import's reason", async () => {
    const r = await as(() =>
      MasterDataImport.run({
        kind: "materials",
        mode: "all",
        csv: file("M-2,Glue,consumable,ml,lot,180"),
        reason: "shelf life per supplier letter",
      }),
    );
    expect(r.rows[0]?.action).toBe("update");
    const m2 = (await as(() => Materials.list())).find((m) => m.code === "M-2")!;
    expect(m2).toMatchObject({ shelfLifeDays: 180, version: 2 });
    const v = await as(() => Materials.versions({ materialId: m2.materialId }));
    expect(v[1]?.reason).toBe("shelf life per supplier letter");
  });

  it("refuses a role that may not write the kind, a bad header and broken CSV", async () => {
    await expect(
      as(() => MasterDataImport.run({ kind: "customers", mode: "dry-run", csv: "code,name\nC1,x" }), ["buyer"]),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await expect(
      as(() => MasterDataImport.run({ kind: "materials", csv: "code,colour\nA,red" })),
    ).rejects.toMatchObject({
      code: "invalid-csv-header",
    });
    await expect(as(() => MasterDataImport.run({ kind: "materials", csv: 'code,name\n"A,b' }))).rejects.toMatchObject({
      code: "invalid-csv",
    });
  });
});
