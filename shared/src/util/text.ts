import { z } from "zod";

/**
 * The text rule of everything that enters from outside (issue 12, finding 7): a string is stored
 * NFC-normalised, and refused when it holds a character that is invisible or changes how the text
 * around it is shown — `A\0B` displays as `AB`, `\u202Eevil` displays reversed — because a name
 * in an audit-relevant record must read as what it is. Applied once per entry point (the HTTP
 * stack, the gateway decoder), never per field, so a new field is covered without anyone
 * remembering.
 *
 * Refused: C0 and C1 controls and DEL except TAB, LF and CR; Unicode's Bidi_Control characters
 * (marks, embeddings, overrides, isolates); the zero-width and invisible formatters; lone
 * surrogates (not text at all, and not storable as UTF-8). Two kinds of field differ, each marked
 * on its schema: a barcode (`barcode()`) also takes GS (U+001D), because a GS1 scanner sends FNC1
 * as GS and the UDI parser reads it as the separator; a secret (`secret()`, a password) is left as
 * typed: never shown, so no spoof, and changing it would no longer match what the identity
 * provider's own login (Cognito) hashes, nor a password set before this rule.
 */
const INVISIBLE = new Map<number, string>([
  [0x061c, "ARABIC LETTER MARK"],
  [0x200b, "ZERO WIDTH SPACE"],
  [0x200c, "ZERO WIDTH NON-JOINER"],
  [0x200d, "ZERO WIDTH JOINER"],
  [0x200e, "LEFT-TO-RIGHT MARK"],
  [0x200f, "RIGHT-TO-LEFT MARK"],
  [0x202a, "LEFT-TO-RIGHT EMBEDDING"],
  [0x202b, "RIGHT-TO-LEFT EMBEDDING"],
  [0x202c, "POP DIRECTIONAL FORMATTING"],
  [0x202d, "LEFT-TO-RIGHT OVERRIDE"],
  [0x202e, "RIGHT-TO-LEFT OVERRIDE"],
  [0x2060, "WORD JOINER"],
  [0x2061, "FUNCTION APPLICATION"],
  [0x2062, "INVISIBLE TIMES"],
  [0x2063, "INVISIBLE SEPARATOR"],
  [0x2064, "INVISIBLE PLUS"],
  [0x2066, "LEFT-TO-RIGHT ISOLATE"],
  [0x2067, "RIGHT-TO-LEFT ISOLATE"],
  [0x2068, "FIRST STRONG ISOLATE"],
  [0x2069, "POP DIRECTIONAL ISOLATE"],
  [0xfeff, "ZERO WIDTH NO-BREAK SPACE"],
]);

// `\p{Cc}` is C0, DEL and C1; `\p{Cs}` in a `u` regex matches only a surrogate without its pair.
const invisibles = [...INVISIBLE.keys()].map((c) => `\\u{${c.toString(16)}}`).join("");
const refusedExcept = (allowed: string) => new RegExp(`(?![${allowed}])\\p{Cc}|\\p{Cs}|[${invisibles}]`, "u");
const REFUSED = refusedExcept("\\t\\n\\r");
const REFUSED_IN_BARCODE = refusedExcept("\\t\\n\\r\\x1d");

/** `U+202E (RIGHT-TO-LEFT OVERRIDE)`. */
function describe(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = INVISIBLE.get(code) ?? (code >= 0xd800 && code <= 0xdfff ? "lone surrogate" : "control character");
  return `${hex} (${name})`;
}

export type TextCheck = { ok: true; value: string } | { ok: false; message: string };

/** One string under the rule: its NFC form, or why it is refused (the first refused character). */
export function checkText(text: string, opts: { barcode?: boolean } = {}): TextCheck {
  const found = (opts.barcode ? REFUSED_IN_BARCODE : REFUSED).exec(text);
  if (found) return { ok: false, message: `contains ${describe(found[0])}` };
  return { ok: true, value: text.normalize("NFC") };
}

/**
 * The field kinds the rule treats apart, marked in a registry of their own: a schema derived from
 * a marked one (`.max()`, `.refine()`) keeps the mark, zod's registries read a clone's parent.
 */
type FieldKind = "barcode" | "secret";
const kinds = z.registry<{ text: FieldKind }>();
const mark =
  (text: FieldKind) =>
  <S extends z.ZodType<string | undefined>>(schema: S): S => {
    kinds.add(schema, { text });
    return schema;
  };
/** Raw scanner input (GS1, HIBCC), the only kind that takes GS. */
export const barcode = mark("barcode");
/** A password: passed on as typed. */
export const secret = mark("secret");

/** Where a field is, `*` standing for any array index or record key, and its kind. */
export interface MarkedField {
  path: readonly string[];
  kind: FieldKind;
}

/**
 * Where a schema has marked fields, read from its definition: objects, arrays, records and the
 * wrappers around them. A union contributes every option's fields — a key marked in one option
 * counts as marked in all, which no schema here has reason to do. Read once per schema.
 */
const fieldsOf = new WeakMap<z.ZodType, MarkedField[]>();
export function markedFields(schema: z.ZodType): MarkedField[] {
  const known = fieldsOf.get(schema);
  if (known) return known;
  const found: MarkedField[] = [];
  const seen = new Set<unknown>();
  const walk = (s: z.ZodType | undefined, at: readonly string[]) => {
    if (!s || seen.has(s)) return;
    seen.add(s);
    const kind = kinds.get(s)?.text;
    if (kind) found.push({ path: at, kind });
    // biome-ignore lint/suspicious/noExplicitAny: zod's definitions differ per type; only the nested schemas are read.
    const def = (s as any)._zod.def;
    switch (def.type) {
      case "object":
        for (const [key, field] of Object.entries(def.shape)) walk(field as z.ZodType, [...at, key]);
        break;
      case "array":
        walk(def.element, [...at, "*"]);
        break;
      case "record":
        walk(def.valueType, [...at, "*"]);
        break;
      case "tuple":
        for (const item of def.items) walk(item, [...at, "*"]);
        walk(def.rest, [...at, "*"]);
        break;
      case "union":
        for (const option of def.options) walk(option, at);
        break;
      case "intersection":
        walk(def.left, at);
        walk(def.right, at);
        break;
      case "pipe":
        walk(def.in, at);
        walk(def.out, at);
        break;
      case "lazy":
        walk(def.getter(), at);
        break;
      default:
        walk(def.innerType, at); // optional, nullable, default, readonly, catch…
    }
    seen.delete(s); // the same schema may sit at several paths; only a cycle is cut
  };
  walk(schema, []);
  fieldsOf.set(schema, found);
  return found;
}

const kindAt = (fields: readonly MarkedField[], path: readonly string[]) =>
  fields.find((f) => f.path.length === path.length && f.path.every((p, i) => p === "*" || p === path[i]))?.kind;

export interface TextIssue {
  path: string[];
  message: string;
}

/**
 * Every string of a parsed JSON value (object keys too) under the rule: the value with each string
 * in NFC, or an issue per refused string, naming its path. `fields` (markedFields) says where a
 * string is a barcode or a secret.
 */
export function cleanStrings(
  value: unknown,
  fields: readonly MarkedField[] = [],
): { ok: true; value: unknown } | { ok: false; issues: TextIssue[] } {
  const issues: TextIssue[] = [];
  const visit = (v: unknown, path: string[]): unknown => {
    if (typeof v === "string") {
      const kind = kindAt(fields, path);
      if (kind === "secret") return v;
      const checked = checkText(v, { barcode: kind === "barcode" });
      if (checked.ok) return checked.value;
      issues.push({ path, message: checked.message });
      return v;
    }
    if (Array.isArray(v)) return v.map((item, i) => visit(item, [...path, String(i)]));
    if (v && typeof v === "object") {
      // fromEntries defines own properties: a `__proto__` key stays a key, as JSON.parse made it.
      return Object.fromEntries(
        Object.entries(v).map(([key, item]) => {
          const name = checkText(key);
          if (!name.ok) issues.push({ path, message: `has a key that ${name.message}` });
          return [name.ok ? name.value : key, visit(item, [...path, key])];
        }),
      );
    }
    return v;
  };
  const cleaned = visit(value, []);
  return issues.length ? { ok: false, issues } : { ok: true, value: cleaned };
}
