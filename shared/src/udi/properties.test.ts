import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSET82, HIBCC_ALPHABET } from "./check-digit.ts";
import {
  compose,
  formatUdi,
  type Gs1Udi,
  gs1CheckDigit,
  type HibccData,
  isUdiError,
  parseUdi,
  type UdiErrorKind,
} from "./index.ts";

const referenceYear = 2026;

const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: length, maxLength: length });
const gtin = digits(13).map((body) => body + gs1CheckDigit(body));
const cset82 = (maxLength: number) => fc.string({ unit: fc.constantFrom(...CSET82), minLength: 1, maxLength });
// The century rule's window: 49 years back, 50 ahead of the reference year.
const isoDay = fc
  .date({
    min: new Date(Date.UTC(referenceYear - 49, 0, 1)),
    max: new Date(Date.UTC(referenceYear + 50, 11, 31)),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

const deviceFields = fc.record(
  {
    gtin,
    lot: cset82(20),
    serial: cset82(20),
    expiry: isoDay,
    manufactured: isoDay,
    additionalId: cset82(30),
    count: digits(3),
  },
  { requiredKeys: ["gtin"] },
);

const gs1Forms = ["gs1-element-string", "gs1-bracketed", "gs1-digital-link"] as const;

describe("GS1 round trip", () => {
  it("format → parse returns the composed UDI in all three representations", () => {
    fc.assert(
      fc.property(deviceFields, (fields) => {
        const udi = compose(fields, { referenceYear });
        if (isUdiError(udi)) throw new Error(udi.message);

        const read = gs1Forms.map((as) => {
          const text = formatUdi(udi, as, { referenceYear });
          if (typeof text !== "string") throw new Error(text.message);
          return parseUdi(text, { referenceYear }) as Gs1Udi;
        });

        for (const parsed of read) {
          const { order: _carried, ...content } = parsed;
          expect(content).toEqual(udi);
          expect({ lot: parsed.lot, serial: parsed.serial, expiry: parsed.expiry }).toEqual({
            lot: fields.lot,
            serial: fields.serial,
            expiry: fields.expiry,
          });
        }
      }),
    );
  });

  it("a parsed element string formats back to itself, separators and all", () => {
    fc.assert(
      fc.property(deviceFields, (fields) => {
        const udi = compose(fields, { referenceYear }) as Gs1Udi;
        const text = formatUdi(udi, "gs1-element-string", { referenceYear, symbologyIdentifier: "]d2" }) as string;
        const parsed = parseUdi(text, { referenceYear }) as Gs1Udi;
        expect(formatUdi(parsed, "gs1-element-string", { referenceYear, symbologyIdentifier: "]d2" })).toBe(text);
      }),
    );
  });

  it("any single changed GTIN digit fails the check digit", () => {
    fc.assert(
      fc.property(gtin, fc.nat(13), fc.integer({ min: 1, max: 9 }), (value, at, shift) => {
        const changed = value.slice(0, at) + ((Number(value[at]) + shift) % 10) + value.slice(at + 1);
        expect(parseUdi(`01${changed}`, { referenceYear })).toMatchObject({ error: "check-digit", position: 2 });
      }),
    );
  });
});

describe("HIBCC round trip", () => {
  const alphanumeric = (min: number, max: number) =>
    fc.string({ unit: fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"), minLength: min, maxLength: max });
  const hibcc: fc.Arbitrary<HibccData> = fc.record(
    {
      scheme: fc.constant("hibcc" as const),
      lic: fc.tuple(fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"), alphanumeric(3, 3)).map(([a, b]) => a + b),
      pcn: alphanumeric(1, 18),
      unitOfMeasure: digits(1),
      lot: alphanumeric(1, 18),
      serial: alphanumeric(1, 18),
      expiry: isoDay,
      manufactured: isoDay,
      quantity: fc.integer({ min: 1, max: 99999 }),
    },
    { requiredKeys: ["scheme", "lic", "pcn", "unitOfMeasure"] },
  );

  it("write → parse returns the fields with a verified check character", () => {
    fc.assert(
      fc.property(hibcc, (data) => {
        const text = formatUdi(data, "hibcc", { referenceYear });
        if (typeof text !== "string") throw new Error(text.message);
        const { di, check, ...fields } = parseUdi(text, { referenceYear }) as HibccData & { di: string; check: string };
        expect(fields).toEqual(data);
        expect(di).toBe(`+${data.lic}${data.pcn}${data.unitOfMeasure}`);
        expect(HIBCC_ALPHABET).toContain(check);
      }),
    );
  });
});

describe("parseUdi on anything", () => {
  const kinds: UdiErrorKind[] = [
    "syntax",
    "unknown-ai",
    "length",
    "character-set",
    "check-digit",
    "date",
    "empty-value",
    "invalid-value",
    "duplicate-ai",
    "dl-syntax",
    "dl-structure",
  ];
  const scanned = fc.oneof(
    fc.string(),
    fc.string({ unit: fc.constantFrom(..."0123456789\u001d()+$/:?=&%]dCQe") }),
    fc
      .constantFrom("]d2", "(", "+", "https://id.gs1.org/01/", "]Q1")
      .chain((prefix) => fc.string().map((s) => prefix + s)),
  );

  it("never throws, and every refusal names a known kind", () => {
    fc.assert(
      fc.property(scanned, (input) => {
        const result = parseUdi(input, { referenceYear });
        if (isUdiError(result)) expect(kinds).toContain(result.error);
        else expect(["gs1", "hibcc"]).toContain(result.scheme);
      }),
      { numRuns: 2000 },
    );
  });
});
