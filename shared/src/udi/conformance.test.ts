import { assert, expect, it } from "vitest";
import { z } from "zod";
import { conformanceSuite } from "../../../test/conformance.ts";
import { readHibcc } from "./hibcc.ts";
import { detectFormat, formatUdi, type Gs1FieldName, type HibccUdi, parseUdi, type UdiFormat } from "./index.ts";

// Third-party vectors (gs1-syntax-engine, biip, bardecoder, HibcBarcodeParsing, HL7 FHIR), kept beside the checkout.
const Vectors = z.object({
  cases: z.array(
    z.object({
      id: z.string(),
      input: z.string(),
      format: z.enum(["gs1-element-string", "gs1-bracketed", "gs1-digital-link", "hibcc"]),
      valid: z.boolean(),
      expected: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      error_kind: z.string().optional(),
      expected_element_string: z.string().optional(),
      expected_dates: z.record(z.string(), z.string()).optional(),
      symbology_identifier: z.string().optional(),
      mod43_computed: z.string().optional(),
      strict_check_character_valid: z.boolean().optional(),
      config: z.object({ permit_zero_suppressed_gtin_in_dl: z.boolean() }).optional(),
    }),
  ),
});

// The vectors' dates are all within 50 years of it; fixed so that the century rule can't drift.
const referenceYear = 2026;

/**
 * Where this codec reads a source's expectation differently, and why. Every other case is
 * asserted exactly as the source wrote it.
 */
const interpretations: Record<string, { readonly error_kind?: string; readonly detected?: UdiFormat }> = {
  // biip caps (10) at its 20-character maximum and then fails on "aaa" as an AI. GS1 and the GS1
  // Syntax Engine run a variable-length value to the next FNC1 or the end, so a 23-character lot
  // is a length error — the reading gs1-050 asserts for the engine (N..6 given 7 digits).
  "gs1-130": { error_kind: "length" },
  // Bare digits are an element string to anyone who isn't told otherwise; read as declared.
  "gs1-016": { detected: "gs1-element-string" },
};

const dateFields: Record<string, Gs1FieldName> = {
  "11": "manufactured",
  "13": "packaged",
  "15": "bestBefore",
  "16": "sellBy",
  "17": "expiry",
};

const hibccFields: Record<string, keyof HibccUdi> = { uom: "unitOfMeasure", mfg_date: "manufactured" };

/**
 * A vector's HIBCC field against ours. Some sources assert dates only to the month (MMYY labels)
 * or to the hour (`YYYY-MM-DDTHH`): the assertion covers as much as the source states.
 */
function hibccField(udi: HibccUdi, key: string, expected: string | number): unknown {
  if (typeof expected === "number") return udi[hibccFields[key] ?? (key as keyof HibccUdi)];
  const actual =
    key === "expiry" && expected.includes("T") ? udi.expiryDateTime : udi[hibccFields[key] ?? (key as keyof HibccUdi)];
  return typeof actual === "string" ? actual.slice(0, expected.length) : actual;
}

conformanceSuite("UDI conformance vectors", "udi-gs1.json", Vectors, ({ cases }) => {
  it.each(cases)("$id $format valid=$valid", (vector) => {
    const interpretation = interpretations[vector.id] ?? {};
    const options = {
      format: vector.format,
      permitZeroSuppressedGtinInDl: vector.config?.permit_zero_suppressed_gtin_in_dl ?? false,
      referenceYear,
    };

    const result = parseUdi(vector.input, options);

    expect(detectFormat(vector.input)).toBe(interpretation.detected ?? vector.format);
    if (vector.format === "hibcc") {
      // Check characters are asserted as the source's mod-43 recomputation; the fields are read
      // even where the source printed a placeholder check character (README: extraction only).
      const read = readHibcc(vector.input, 0, referenceYear);
      assert(!("error" in read), JSON.stringify(read));
      expect(read.computedCheck).toBe(vector.mod43_computed);
      for (const [key, value] of Object.entries(vector.expected ?? {})) {
        expect(hibccField(read.udi, key, value), key).toBe(value);
      }
      if (vector.strict_check_character_valid) expect(result).toEqual(read.udi);
      else expect(result).toMatchObject({ error: vector.error_kind ?? "check-digit" });
    } else if (vector.valid) {
      assert(!("error" in result) && result.scheme === "gs1", JSON.stringify(result));
      expect(result.ais).toEqual(vector.expected);
      expect(result.symbologyIdentifier).toBe(vector.symbology_identifier);
      for (const [ai, iso] of Object.entries(vector.expected_dates ?? {})) {
        expect(result[dateFields[ai]!], ai).toBe(iso);
      }
      if (vector.expected_element_string !== undefined) {
        expect(formatUdi(result, "gs1-element-string", { referenceYear })).toBe(vector.expected_element_string);
      }
    } else {
      expect(result).toMatchObject({
        error: interpretation.error_kind ?? vector.error_kind,
        message: expect.any(String),
      });
    }
  });
});
