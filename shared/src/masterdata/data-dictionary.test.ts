import { describe, expect, it } from "vitest";
import { all } from "./data-dictionary.ts";

describe("data dictionary", () => {
  it("describes every field of every master record in English and Chinese, with its owner", () => {
    const entries = all();
    const material = entries.filter((e) => e.entity === "material").map((e) => e.field);
    expect(material).toEqual(expect.arrayContaining(["materialId", "code", "name", "unit", "tracking", "version"]));
    for (const e of entries) {
      expect(e.meaning.en.length, `${e.entity}.${e.field}`).toBeGreaterThan(2);
      expect(e.meaning.zh, `${e.entity}.${e.field}`).toMatch(/[\u4e00-\u9fff]/);
      expect(e.owner.length).toBeGreaterThan(0);
    }
  });

  it("states types, closed value lists, identifiers and their validation", () => {
    const find = (entity: string, field: string) => all().find((e) => e.entity === entity && e.field === field);
    expect(find("product", "udiDi")).toMatchObject({
      unique: true,
      required: true,
      owner: ["admin", "quality-engineer"],
    });
    expect(find("material", "unit")).toMatchObject({ type: "enum", values: expect.arrayContaining(["pcs", "kg"]) });
    expect(find("material", "shelfLifeDays")).toMatchObject({ type: "integer", required: false });
    expect(find("certificate", "expiresOn")).toMatchObject({ type: "string (date)" });
    expect(find("supplier", "code")?.pattern).toBeDefined();
    expect(find("bom.line", "quantity")).toMatchObject({ type: "number" });
  });
});
