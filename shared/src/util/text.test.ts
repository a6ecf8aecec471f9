import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { barcode, checkText, cleanStrings, markedFields, secret } from "./text.ts";

// The rule written out again, as code point ranges, so the tests do not read it back from the code.
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const REFUSED = [
  ...range(0x00, 0x08),
  0x0b,
  0x0c,
  ...range(0x0e, 0x1f),
  ...range(0x7f, 0x9f),
  0x061c,
  ...range(0x200b, 0x200f),
  ...range(0x202a, 0x202e),
  ...range(0x2060, 0x2064),
  ...range(0x2066, 0x2069),
  0xfeff,
];
const GS = 0x1d;
const isRefused = (c: number) => REFUSED.includes(c) || (c >= 0xd800 && c <= 0xdfff);
const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;

/** Allowed characters, weighted towards those NFC changes: combining marks and Hangul jamo. */
const allowedChar = fc
  .oneof(
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.constantFrom(0x09, 0x0a, 0x0d),
    fc.integer({ min: 0x300, max: 0x36f }),
    fc.integer({ min: 0x1100, max: 0x11ff }),
    fc.integer({ min: 0, max: 0x10ffff }),
  )
  .filter((c) => !isRefused(c))
  .map((c) => String.fromCodePoint(c));
const allowed = fc.array(allowedChar, { maxLength: 30 });
/** A refused code point: a lone surrogate is one too. */
const refused = fc.oneof(fc.constantFrom(...REFUSED), fc.integer({ min: 0xd800, max: 0xdfff }));

/** `chars` with `c` put in at `at` (between characters, never inside a surrogate pair). */
const withInserted = (chars: string[], c: number, at: number) => {
  const i = at % (chars.length + 1);
  return [...chars.slice(0, i), String.fromCharCode(c), ...chars.slice(i)].join("");
};

describe("the text rule", () => {
  it("passes any string of allowed characters, in its NFC form", () => {
    fc.assert(
      fc.property(allowed, (chars) => {
        const text = chars.join("");
        expect(checkText(text)).toEqual({ ok: true, value: text.normalize("NFC") });
      }),
    );
    expect(checkText("e\u0301")).toEqual({ ok: true, value: "é" });
  });

  it("refuses a string with one refused code point anywhere, naming that code point", () => {
    fc.assert(
      fc.property(allowed, refused, fc.nat(), fc.boolean(), (chars, c, at, isBarcode) => {
        fc.pre(!(isBarcode && c === GS));
        const result = checkText(withInserted(chars, c, at), { barcode: isBarcode });
        expect(result.ok).toBe(false);
        expect(result.ok || result.message).toContain(`contains ${hex(c)} (`);
      }),
    );
    expect(checkText("\u202Eevil")).toEqual({ ok: false, message: "contains U+202E (RIGHT-TO-LEFT OVERRIDE)" });
    expect(checkText("A\0B")).toEqual({ ok: false, message: "contains U+0000 (control character)" });
    expect(checkText("\ud800x")).toEqual({ ok: false, message: "contains U+D800 (lone surrogate)" });
  });

  it("is idempotent: what it passes, it passes again unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (text) => {
        const once = checkText(text);
        if (once.ok) expect(checkText(once.value)).toEqual(once);
      }),
    );
  });

  it("takes GS only in a barcode field", () => {
    fc.assert(
      fc.property(allowed, fc.nat(), (chars, at) => {
        const scan = withInserted(chars, GS, at);
        expect(checkText(scan, { barcode: true })).toEqual({ ok: true, value: scan.normalize("NFC") });
        expect(checkText(scan)).toEqual({ ok: false, message: "contains U+001D (control character)" });
      }),
    );
  });
});

describe("every string of a request", () => {
  const Scan = barcode(z.string().trim().min(1));
  const Input = z
    .object({
      name: z.string(),
      scan: Scan.optional(),
      lines: z.array(z.object({ scan: Scan, note: z.string() })),
      attrs: z.record(z.string(), z.string()),
      password: secret(z.string()).optional(),
    })
    .strict()
    .refine(() => true);

  it("finds the marked fields in the schema, through wrappers, arrays and refinements", () => {
    expect(markedFields(Input)).toEqual([
      { path: ["scan"], kind: "barcode" },
      { path: ["lines", "*", "scan"], kind: "barcode" },
      { path: ["password"], kind: "secret" },
    ]);
    expect(markedFields(z.union([z.object({ a: z.string() }), z.object({ udi: Scan })]))).toEqual([
      { path: ["udi"], kind: "barcode" },
    ]);
    // A schema derived from a marked one keeps the mark; the same fields unmarked have none.
    expect(markedFields(z.object({ scan: Scan.max(9).refine(() => true) }))).toEqual([
      { path: ["scan"], kind: "barcode" },
    ]);
    expect(markedFields(z.object({ scan: z.string(), password: z.string() }))).toEqual([]);
  });

  it("names each refused string by its path, keys too, and leaves GS to the barcode fields", () => {
    const request = {
      name: "A\0B",
      scan: "(01)\u001d",
      lines: [{ scan: "\u001d", note: "x\u001dy" }],
      attrs: { "k\u200b": "v", ok: "a\u2066b" },
    };
    expect(cleanStrings(request, markedFields(Input))).toEqual({
      ok: false,
      issues: [
        { path: ["name"], message: "contains U+0000 (control character)" },
        { path: ["lines", "0", "note"], message: "contains U+001D (control character)" },
        { path: ["attrs"], message: "has a key that contains U+200B (ZERO WIDTH SPACE)" },
        { path: ["attrs", "ok"], message: "contains U+2066 (LEFT-TO-RIGHT ISOLATE)" },
      ],
    });
  });

  it("returns every string, and key, in NFC, keeping the value's shape", () => {
    const request = { name: "Cafe\u0301", lines: [{ scan: "01\u001d10", note: "n\u0303" }], attrs: { "e\u0301": "1" } };
    expect(cleanStrings(request, markedFields(Input))).toEqual({
      ok: true,
      value: { name: "Café", lines: [{ scan: "01\u001d10", note: "ñ" }], attrs: { é: "1" } },
    });
    expect(cleanStrings(JSON.parse('{"__proto__": "x"}'))).toEqual({
      ok: true,
      value: JSON.parse('{"__proto__": "x"}'),
    });
  });

  it("passes a secret on as typed: never shown, and it must still match what the identity provider hashed", () => {
    const password = "pa\u200dss\u0000e\u0301";
    expect(cleanStrings({ name: "n", lines: [], attrs: {}, password }, markedFields(Input))).toEqual({
      ok: true,
      value: { name: "n", lines: [], attrs: {}, password },
    });
  });
});
