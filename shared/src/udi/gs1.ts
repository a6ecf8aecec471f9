/**
 * GS1 element strings as a scanner sends them (FNC1 as ASCII 29) and the bracketed human-readable
 * form, both ways, and the assembly of a parsed message into a `Gs1Udi`.
 */
import { type AiDefinition, aiTable, matchAi } from "./ais.ts";
import { readYymmdd, readYymmddhhmi } from "./dates.ts";
import { udiError } from "./errors.ts";
import {
  type Gs1Data,
  Gs1DateFields,
  Gs1FieldAis,
  type Gs1FieldName,
  type Gs1Fields,
  type Gs1Udi,
  type UdiError,
} from "./types.ts";
import { checkValue } from "./validate.ts";

/** FNC1 used as a separator arrives as the ASCII group separator. */
export const GS = "\u001d";

export interface Gs1Element {
  readonly ai: string;
  readonly value: string;
  /** Where the AI starts in the input. */
  readonly position: number;
}

/** Validate a value where it was read; `position` is where the value starts in the input. */
export function checkElement(
  definition: AiDefinition,
  value: string,
  position: number,
  referenceYear: number,
): UdiError | undefined {
  const problem = checkValue(definition, value, referenceYear);
  return problem && udiError(problem.kind, problem.message, position + problem.offset, definition.ai);
}

/**
 * A predefined-length AI takes exactly its length; any other AI runs to the next FNC1 or the end,
 * so an over-long value is a length error rather than the start of another AI. Stray, doubled
 * and trailing separators are tolerated, as scanners and printers emit them.
 */
export function readElementString(data: string, base: number, referenceYear: number): Gs1Element[] | UdiError {
  const elements: Gs1Element[] = [];
  let position = 0;
  while (position < data.length) {
    if (data.charAt(position) === GS) {
      position++;
      continue;
    }
    const definition = matchAi(data, position);
    if (!definition) {
      const found = JSON.stringify(data.slice(position, position + 4));
      return udiError("unknown-ai", `No GS1 Application Identifier starts at ${found}`, base + position);
    }
    const start = position + definition.ai.length;
    const separator = data.indexOf(GS, start);
    const runsTo = separator < 0 ? data.length : separator;
    const end = definition.predefined ? Math.min(start + definition.length.max, runsTo) : runsTo;
    const value = data.slice(start, end);
    const invalid = checkElement(definition, value, base + start, referenceYear);
    if (invalid) return invalid;
    elements.push({ ai: definition.ai, value, position: base + position });
    position = end;
  }
  if (elements.length === 0) return udiError("syntax", "No GS1 element string in the input", base);
  return elements;
}

/** `(01)…(10)…`; a `(` inside a value is written `\(`, the GS1 Syntax Engine's convention. */
export function readBracketed(data: string, base: number, referenceYear: number): Gs1Element[] | UdiError {
  const elements: Gs1Element[] = [];
  let position = 0;
  if (data === "") return udiError("syntax", "No GS1 data in the input", base);
  while (position < data.length) {
    if (data.charAt(position) !== "(") return udiError("syntax", "Expected an AI in brackets", base + position);
    const close = data.indexOf(")", position + 1);
    if (close < 0) return udiError("syntax", "AI bracket is not closed", base + position);
    const ai = data.slice(position + 1, close);
    if (!/^\d{1,4}$/.test(ai)) return udiError("syntax", `(${ai}) is not an AI: two to four digits`, base + position);
    const definition = aiTable.get(ai);
    if (!definition) return udiError("unknown-ai", `(${ai}) is not a GS1 Application Identifier`, base + position, ai);
    let value = "";
    let end = close + 1;
    while (end < data.length && data.charAt(end) !== "(") {
      const escaped = data.startsWith("\\(", end);
      value += escaped ? "(" : data.charAt(end);
      end += escaped ? 2 : 1;
    }
    const invalid = checkElement(definition, value, base + close + 1, referenceYear);
    if (invalid) return invalid;
    elements.push({ ai, value, position: base + position });
    position = end;
  }
  return elements;
}

export const predefinedRank = (ai: string): number => (aiTable.get(ai)?.predefined ? 0 : 1);

/**
 * The AIs in the order they were carried (`order`); any others after them, predefined-length
 * first (they need no separator), then by AI — the shortest element string for composed data.
 */
export function sequence(data: Gs1Data): [string, string][] {
  const carried = (data.order ?? []).filter((ai, i, all) => ai in data.ais && all.indexOf(ai) === i);
  const others = Object.keys(data.ais)
    .filter((ai) => !carried.includes(ai))
    .sort((a, b) => predefinedRank(a) - predefinedRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return [...carried, ...others].map((ai) => [ai, data.ais[ai]!]);
}

export function writeElementString(data: Gs1Data): string {
  const ordered = sequence(data);
  return ordered
    .map(([ai, value], i) => {
      const needsSeparator = !aiTable.get(ai)?.predefined && i < ordered.length - 1;
      return `${ai}${value}${needsSeparator ? GS : ""}`;
    })
    .join("");
}

export const writeBracketed = (data: Gs1Data): string =>
  sequence(data)
    .map(([ai, value]) => `(${ai})${value.replaceAll("(", "\\(")}`)
    .join("");

/** Check AIs given as data (not read from a label), each against the AI table. */
export function checkAis(ais: Readonly<Record<string, string>>, referenceYear: number): UdiError | undefined {
  const entries = Object.entries(ais);
  if (entries.length === 0) return udiError("syntax", "A GS1 message needs at least one AI");
  for (const [ai, value] of entries) {
    const definition = aiTable.get(ai);
    if (!definition) return udiError("unknown-ai", `(${ai}) is not a GS1 Application Identifier`, undefined, ai);
    const problem = checkValue(definition, value, referenceYear);
    if (problem) return udiError(problem.kind, problem.message, undefined, ai);
  }
  return undefined;
}

const isDateField = (name: Gs1FieldName): boolean => (Gs1DateFields as readonly string[]).includes(name);

function readField(name: Gs1FieldName, value: string, referenceYear: number): string | undefined {
  if (isDateField(name)) return readYymmdd(value, referenceYear, true);
  if (name === "expiryDateTime") return readYymmddhhmi(value, referenceYear);
  return value;
}

/**
 * The message as a `Gs1Udi`. The same AI twice is accepted only with the same value (GS1 General
 * Specifications 4.14.1: a second, conflicting value cannot be resolved).
 */
export function toGs1Udi(
  elements: readonly Gs1Element[],
  referenceYear: number,
  symbologyIdentifier?: string,
): Gs1Udi | UdiError {
  const ais: Record<string, string> = {};
  for (const { ai, value, position } of elements) {
    if (ai in ais && ais[ai] !== value) return udiError("duplicate-ai", `AI (${ai}) appears twice`, position, ai);
    ais[ai] = value;
  }
  return fromAis(ais, referenceYear, symbologyIdentifier, [...new Set(elements.map((e) => e.ai))]);
}

/** Checked AIs with the named fields read out of them. */
export function fromAis(
  ais: Readonly<Record<string, string>>,
  referenceYear: number,
  symbologyIdentifier?: string,
  order?: readonly string[],
): Gs1Udi {
  const fields: Gs1Fields = {};
  for (const [name, ai] of Object.entries(Gs1FieldAis) as [Gs1FieldName, string][]) {
    const value = ais[ai];
    const read = value === undefined ? undefined : readField(name, value, referenceYear);
    if (read !== undefined) fields[name] = read;
  }
  return {
    scheme: "gs1",
    ...(fields.gtin ? { di: fields.gtin } : {}),
    ...fields,
    ais,
    ...(order ? { order } : {}),
    ...(symbologyIdentifier ? { symbologyIdentifier } : {}),
  };
}
