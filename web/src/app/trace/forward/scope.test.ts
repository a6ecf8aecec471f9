import { describe, expect, it } from "vitest";
import { en } from "@/i18n/en";
import { countByWhere, forwardQuery, scopeCsv } from "./scope";

describe("the recall scope", () => {
  it("takes one complete form of the forward query, else none", () => {
    expect(forwardQuery({ materialId: "m", lotNo: " L1 " })).toEqual({ materialId: "m", lotNo: "L1" });
    expect(forwardQuery({ supplierId: "s", supplierLotNo: "S9", lotNo: "" })).toEqual({
      supplierId: "s",
      supplierLotNo: "S9",
    });
    expect(forwardQuery({ materialId: "m" })).toBeUndefined();
  });

  it("counts units by where they are, most first", () => {
    const rows = ["A", "B", "A", "C", "A", "B"].map((where) => ({ where }));
    expect(countByWhere(rows)).toEqual([
      ["A", 3],
      ["B", 2],
      ["C", 1],
    ]);
  });

  it("writes RFC 4180 CSV: a header, CRLF lines, quoted commas and quotes", () => {
    const csv = scopeCsv(
      [{ product: "IP-200", serialNo: "S1", fgLotNo: "L1", where: 'Shipped to "City", General (delivered)' }],
      en,
    );
    expect(csv).toBe(
      'Product,Serial,Finished lot,Where now\r\nIP-200,S1,L1,"Shipped to ""City"", General (delivered)"\r\n',
    );
  });
});
