import { describe, expect, it } from "vitest";
import { aiTable } from "./ais.ts";
import { compose, formatUdi, type Gs1Udi, parseUdi } from "./index.ts";
import { isKnownSyntaxTest, UNAPPLIED_SYNTAX_TESTS } from "./validate.ts";

const referenceYear = 2026;

describe("AI table", () => {
  it("expands every table entry into AIs of two to four digits, none a prefix of another", () => {
    const ais = [...aiTable.keys()];

    const prefixes = ais.filter((ai) => ais.some((other) => other !== ai && other.startsWith(ai)));

    expect(ais.length).toBeGreaterThan(500);
    expect(ais.every((ai) => /^\d{2,4}$/.test(ai))).toBe(true);
    expect(prefixes).toEqual([]);
  });

  it("applies or deliberately skips every value check the table names", () => {
    const named = new Set([...aiTable.values()].flatMap((d) => d.components.flatMap((c) => c.tests)));

    const unaccounted = [...named].filter((test) => !isKnownSyntaxTest(test) && !UNAPPLIED_SYNTAX_TESTS.has(test));

    expect(unaccounted).toEqual([]);
  });

  it("describes the device AIs as the GS1 General Specifications do", () => {
    expect(aiTable.get("01")).toMatchObject({
      predefined: true,
      length: { min: 14, max: 14 },
      dlQualifiers: [["22", "10", "21"], ["235"]],
    });
    expect(aiTable.get("10")).toMatchObject({ predefined: false, length: { min: 1, max: 20 }, dlAttribute: true });
    expect(aiTable.get("17")?.components).toEqual([
      { charset: "N", min: 6, max: 6, optional: false, tests: ["yymmd0"] },
    ]);
    expect(aiTable.get("7003")).toMatchObject({ predefined: false, length: { min: 10, max: 10 } });
    expect(aiTable.get("8004")?.components).toMatchObject([{ charset: "X", min: 1, max: 30, tests: ["gcppos1"] }]);
    expect(aiTable.get("8010")?.components).toMatchObject([{ charset: "Y" }]);
  });
});

describe("parseUdi", () => {
  it("reads a scanned GS1 DataMatrix into the ERP's fields", () => {
    const scanned = "]d20109506000134352172712001010ABC123\u001d21XYZ-9\u001d70032701311430\u001d11250115";

    const udi = parseUdi(scanned, { referenceYear });

    expect(udi).toEqual({
      scheme: "gs1",
      di: "09506000134352",
      gtin: "09506000134352",
      expiry: "2027-12-31",
      lot: "10ABC123",
      serial: "XYZ-9",
      expiryDateTime: "2027-01-31T14:30",
      manufactured: "2025-01-15",
      ais: {
        "01": "09506000134352",
        "17": "271200",
        "10": "10ABC123",
        "21": "XYZ-9",
        "7003": "2701311430",
        "11": "250115",
      },
      order: ["01", "17", "10", "21", "7003", "11"],
      symbologyIdentifier: "]d2",
    });
  });

  it("reads day 00 as the month's last day, leap years included", () => {
    expect(parseUdi("(17)240200", { referenceYear })).toMatchObject({ expiry: "2024-02-29" });
    expect(parseUdi("(17)250200", { referenceYear })).toMatchObject({ expiry: "2025-02-28" });
  });

  it("places two-digit years in the GS1 window around the reference year", () => {
    expect(parseUdi("(17)760101", { referenceYear })).toMatchObject({ expiry: "2076-01-01" });
    expect(parseUdi("(17)770101", { referenceYear })).toMatchObject({ expiry: "1977-01-01" });
    expect(parseUdi("(17)770101", { referenceYear: 2027 })).toMatchObject({ expiry: "2077-01-01" });
  });

  it("tolerates FNC1 sent as a leading separator", () => {
    expect(parseUdi("\u001d0109506000134352\u001d10A", { referenceYear })).toMatchObject({ lot: "A" });
  });

  it("names the offending position in the input", () => {
    expect(parseUdi("]C1010950600013435217271301", { referenceYear })).toMatchObject({
      error: "date",
      position: 21,
      ai: "17",
    });
    expect(parseUdi("(01)09506000134352(10)AB CD", { referenceYear })).toMatchObject({
      error: "character-set",
      position: 24,
    });
  });

  it("accepts a repeated AI only with the same value", () => {
    expect(parseUdi("(10)A(10)A", { referenceYear })).toMatchObject({ ais: { "10": "A" } });
    expect(parseUdi("(10)A(10)B", { referenceYear })).toMatchObject({ error: "duplicate-ai", position: 5 });
  });

  it("refuses element strings from a symbol that cannot carry them", () => {
    expect(parseUdi("]d10109506000134352", { referenceYear })).toMatchObject({ error: "syntax" });
    expect(parseUdi("]Q1https://id.gs1.org/01/09506000134352", { referenceYear })).toMatchObject({
      gtin: "09506000134352",
      symbologyIdentifier: "]Q1",
    });
  });

  it("reads HIBCC with its symbology identifier and refuses a wrong check character", () => {
    expect(parseUdi("]d1+D65825032111", { referenceYear })).toMatchObject({ di: "+D6582503211", check: "1" });
    expect(parseUdi("+D65825032112", { referenceYear })).toMatchObject({ error: "check-digit", position: 12 });
  });
});

describe("formatUdi", () => {
  const device = compose(
    { gtin: "09506000134352", expiry: "2027-12-31", lot: "ABC/123", serial: "XYZ(9)" },
    { referenceYear },
  ) as Gs1Udi;

  it("writes each representation, predefined-length AIs first when composing", () => {
    expect(formatUdi(device, "gs1-element-string")).toBe("010950600013435217271231" + "10ABC/123\u001d21XYZ(9)");
    expect(formatUdi(device, "gs1-element-string", { symbologyIdentifier: "]d2" })).toMatch(/^\]d201/);
    expect(formatUdi(device, "gs1-bracketed")).toBe("(01)09506000134352(17)271231(10)ABC/123(21)XYZ\\(9)");
    expect(formatUdi(device, "gs1-digital-link")).toBe(
      "https://id.gs1.org/01/09506000134352/10/ABC%2F123/21/XYZ%289%29?17=271231",
    );
    expect(formatUdi(device, "gs1-digital-link", { stem: "https://udi.example.com/r/" })).toMatch(
      /^https:\/\/udi\.example\.com\/r\/01\//,
    );
  });

  it("keeps the order a parsed message carried", () => {
    const scanned = parseUdi("(10)A(01)09506000134352", { referenceYear }) as Gs1Udi;

    expect(formatUdi(scanned, "gs1-element-string")).toBe("10A\u001d0109506000134352");
    expect(formatUdi({ ...scanned, ais: { ...scanned.ais, "21": "S1" } }, "gs1-bracketed")).toBe(
      "(10)A(01)09506000134352(21)S1",
    );
  });

  it("writes HIBCC with its mod-43 check character", () => {
    expect(formatUdi({ scheme: "hibcc", lic: "D658", pcn: "250321", unitOfMeasure: "1" }, "hibcc")).toBe(
      "+D65825032111",
    );
    expect(
      formatUdi(
        {
          scheme: "hibcc",
          lic: "J123",
          pcn: "AQ345",
          unitOfMeasure: "1",
          lot: "BC34567",
          serial: "4012",
          expiry: "2023-12-31",
        },
        "hibcc",
      ),
    ).toBe("+J123AQ3451/$$3231231BC34567/S4012R");
  });

  it("refuses, with a typed error, what a representation cannot carry", () => {
    expect(formatUdi({ scheme: "gs1", ais: { "10": "A" } }, "gs1-digital-link")).toMatchObject({
      error: "unsupported",
    });
    expect(formatUdi({ scheme: "gs1", ais: { "01": "09506000134352", "254": "X" } }, "gs1-digital-link")).toMatchObject(
      {
        error: "dl-structure",
        ai: "254",
      },
    );
    expect(formatUdi({ scheme: "hibcc", lic: "D658", pcn: "1", unitOfMeasure: "1" }, "gs1-bracketed")).toMatchObject({
      error: "unsupported",
    });
    expect(formatUdi({ scheme: "gs1", ais: { "01": "09506000134353" } }, "gs1-bracketed")).toMatchObject({
      error: "check-digit",
      ai: "01",
    });
    expect(formatUdi({ scheme: "gs1", ais: { "89": "X" } }, "gs1-bracketed")).toMatchObject({ error: "unknown-ai" });
  });
});

describe("compose", () => {
  it("refuses dates that do not exist or that the century rule would misread", () => {
    expect(compose({ gtin: "09506000134352", expiry: "2027-02-30" }, { referenceYear })).toMatchObject({
      error: "date",
    });
    expect(compose({ gtin: "09506000134352", expiry: "2090-01-01" }, { referenceYear })).toMatchObject({
      error: "date",
    });
  });

  it("takes further AIs by number and refuses a field that contradicts one", () => {
    expect(compose({ gtin: "09506000134352", ais: { "99": "INTERNAL" } }, { referenceYear })).toMatchObject({
      ais: { "01": "09506000134352", "99": "INTERNAL" },
    });
    expect(compose({ lot: "A", ais: { "10": "B" } }, { referenceYear })).toMatchObject({
      error: "duplicate-ai",
      ai: "10",
    });
  });
});
