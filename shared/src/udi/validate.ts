/**
 * One AI value against its entry in the AI table (`ais.ts`): length, character set, then each component's syntax
 * tests — the order the GS1 Syntax Engine applies them, so the first problem reported is the same.
 */
import type { AiDefinition, CharacterSet } from "./ais.ts";
import { CSET82, gs1CheckPair, hasValidGs1CheckDigit, hasValidIbanChecksum } from "./check-digit.ts";
import { isValidHour, isValidMinute, readYymmdd, readYyyymmdd } from "./dates.ts";
import type { UdiErrorKind } from "./types.ts";

export interface ValueProblem {
  readonly kind: UdiErrorKind;
  readonly message: string;
  /** Offset within the value. */
  readonly offset: number;
}

const CSET39 = "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const BASE64URL = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

const CHARSETS: Record<CharacterSet, { readonly name: string; readonly allows: (char: string) => boolean }> = {
  N: { name: "digits", allows: (c) => c >= "0" && c <= "9" },
  X: { name: "GS1 CSET 82", allows: (c) => CSET82.includes(c) },
  Y: { name: "GS1 CSET 39", allows: (c) => CSET39.includes(c) },
  // Trailing `=` padding is checked by the `Z` rule below, not per character.
  Z: { name: "base64url", allows: (c) => BASE64URL.includes(c) },
};

interface SyntaxTest {
  readonly kind: UdiErrorKind;
  /** What is wrong, said after the value. */
  readonly what: string;
  readonly passes: (part: string, referenceYear: number) => boolean;
}

const digitsWithin = (part: string, max: number) => /^\d+$/.test(part) && Number(part) <= max;

/** The value checks the AI table names, by name (the names follow gs1-syntax-engine's linters). */
const SYNTAX_TESTS: Record<string, SyntaxTest> = {
  csum: { kind: "check-digit", what: "wrong GS1 mod-10 check digit", passes: hasValidGs1CheckDigit },
  csumalpha: {
    kind: "check-digit",
    what: "wrong GS1 check character pair",
    passes: (part) => part.length >= 2 && gs1CheckPair(part.slice(0, -2)) === part.slice(-2),
  },
  iban: { kind: "check-digit", what: "wrong IBAN checksum", passes: hasValidIbanChecksum },
  yymmd0: {
    kind: "date",
    what: "no such date (YYMMDD, day 00 allowed)",
    passes: (part, year) => readYymmdd(part, year, true) !== undefined,
  },
  // Day 00 only where the AI table says yymmd0: a release or harvest date names a day.
  yymmdd: {
    kind: "date",
    what: "no such date (YYMMDD)",
    passes: (part, year) => readYymmdd(part, year, false) !== undefined,
  },
  yyyymmdd: { kind: "date", what: "no such date (YYYYMMDD)", passes: (part) => readYyyymmdd(part) !== undefined },
  hh: { kind: "date", what: "no such hour", passes: isValidHour },
  mi: { kind: "date", what: "no such minute", passes: isValidMinute },
  ss: { kind: "date", what: "no such second", passes: isValidMinute },
  hhmi: {
    kind: "date",
    what: "no such time (HHMM)",
    passes: (p) => isValidHour(p.slice(0, 2)) && isValidMinute(p.slice(2)),
  },
  // A GS1 Company Prefix is at least four digits; which prefixes exist needs GS1's registry.
  gcppos1: {
    kind: "invalid-value",
    what: "not a GS1 Company Prefix (four digits or more)",
    passes: (p) => /^\d{4}/.test(p),
  },
  gcppos2: {
    kind: "invalid-value",
    what: "not a GS1 Company Prefix (four digits or more)",
    passes: (p) => /^.\d{4}/.test(p),
  },
  zero: { kind: "invalid-value", what: "must be zero", passes: (p) => /^0+$/.test(p) },
  nonzero: { kind: "invalid-value", what: "must be a non-zero number", passes: (p) => /^\d*[1-9]\d*$/.test(p) },
  nozeroprefix: {
    kind: "invalid-value",
    what: "must be a number without a leading zero",
    passes: (p) => /^[1-9]\d*$/.test(p),
  },
  hasnondigit: { kind: "invalid-value", what: "must contain a non-digit", passes: (p) => /\D/.test(p) },
  hyphen: { kind: "invalid-value", what: "must be a hyphen", passes: (p) => /^-+$/.test(p) },
  yesno: { kind: "invalid-value", what: "must be 0 or 1", passes: (p) => p === "0" || p === "1" },
  winding: { kind: "invalid-value", what: "must be a winding direction: 0, 1 or 9", passes: (p) => /^[019]$/.test(p) },
  iso5218: { kind: "invalid-value", what: "must be an ISO 5218 code: 0, 1, 2 or 9", passes: (p) => /^[0129]$/.test(p) },
  importeridx: {
    kind: "invalid-value",
    what: "must be one importer index character",
    passes: (p) => /^[-0-9A-Z_a-z]$/.test(p),
  },
  latitude: {
    kind: "invalid-value",
    what: "no such latitude",
    passes: (p) => p.length === 10 && digitsWithin(p, 1800000000),
  },
  longitude: {
    kind: "invalid-value",
    what: "no such longitude",
    passes: (p) => p.length === 10 && digitsWithin(p, 3600000000),
  },
  pcenc: {
    kind: "invalid-value",
    what: "has a broken percent-encoding",
    passes: (p) => !/%(?![0-9A-Fa-f]{2})/.test(p),
  },
  pieceoftotal: {
    kind: "invalid-value",
    what: "must be a piece number within the total",
    passes: (p) => {
      const half = p.length / 2;
      const piece = Number(p.slice(0, half));
      const total = Number(p.slice(half));
      return p.length % 2 === 0 && piece > 0 && total > 0 && piece <= total;
    },
  },
};

/**
 * Checks the AI table names that this codec does not apply: code lists (countries, currencies,
 * package and media types) and coupon structures that no device label carries. Listed so that a
 * new check added to the table that nobody has implemented fails the table test instead.
 */
export const UNAPPLIED_SYNTAX_TESTS: ReadonlySet<string> = new Set([
  "iso3166",
  "iso3166999",
  "iso3166alpha2",
  "iso4217",
  "packagetype",
  "mediatype",
  "posinseqslash",
  "couponcode",
  "couponposoffer",
]);

export const isKnownSyntaxTest = (name: string): boolean => name in SYNTAX_TESTS;

export function checkValue(definition: AiDefinition, value: string, referenceYear: number): ValueProblem | undefined {
  const { length } = definition;
  // Titles make messages readable at the ward desk: "(17) USE BY or EXPIRY" rather than "(17)".
  const name = `(${definition.ai}) ${definition.title}`;
  if (value === "") return { kind: "empty-value", message: `${name} has no value`, offset: 0 };
  const expected = length.min === length.max ? `${length.max}` : `${length.min}–${length.max}`;
  if (value.length < length.min || value.length > length.max) {
    const problem = value.length < length.min ? "too short" : "too long";
    return {
      kind: "length",
      message: `${name} value is ${problem}: ${value.length}, expected ${expected}`,
      offset: 0,
    };
  }
  let position = 0;
  for (const component of definition.components) {
    if (component.optional && position >= value.length) break;
    const remaining = value.length - position;
    if (remaining < component.min) {
      return { kind: "length", message: `${name} value has the wrong length for its parts`, offset: position };
    }
    const part = value.slice(position, position + Math.min(component.max, remaining));
    const charset = CHARSETS[component.charset];
    const padded = component.charset === "Z" ? /^(.*?)(=*)$/.exec(part)! : undefined;
    const body = padded ? padded[1]! : part;
    const bad = [...body].findIndex((char) => !charset.allows(char));
    if (bad >= 0) {
      const char = JSON.stringify(body.charAt(bad));
      return {
        kind: "character-set",
        message: `${name} character ${char} is outside ${charset.name}`,
        offset: position + bad,
      };
    }
    if (padded && (padded[2]!.length > 2 || (padded[2]!.length > 0 && part.length % 3 !== 0))) {
      return { kind: "character-set", message: `${name} has bad base64url padding`, offset: position };
    }
    for (const testName of component.tests) {
      const test = SYNTAX_TESTS[testName];
      if (test && !test.passes(part, referenceYear)) {
        return {
          kind: test.kind,
          message: `${name} ${JSON.stringify(part)}: ${test.what}`,
          offset: position,
        };
      }
    }
    position += part.length;
  }
  if (position < value.length) {
    return { kind: "length", message: `${name} value is too long for its parts`, offset: position };
  }
  return undefined;
}
