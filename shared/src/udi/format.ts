/**
 * The inverse of `parseUdi`: a UDI to each representation, and `compose` to build one from the
 * ERP's fields (ISO dates) rather than raw AI values.
 */
import { currentYear, writeYymmdd, writeYymmddhhmi } from "./dates.ts";
import { DEFAULT_STEM, writeDigitalLink } from "./digital-link.ts";
import { udiError } from "./errors.ts";
import { checkAis, fromAis, writeBracketed, writeElementString } from "./gs1.ts";
import { writeHibcc } from "./hibcc.ts";
import {
  Gs1DateFields,
  Gs1FieldAis,
  type Gs1FieldName,
  type Gs1Fields,
  type Gs1Udi,
  type UdiData,
  type UdiError,
  type UdiFormat,
} from "./types.ts";

export interface FormatOptions {
  /** Digital Link domain and path prefix; GS1's resolver by default. */
  readonly stem?: string;
  /** Prefix an element string with this AIM identifier (`]d2`, `]C1`…), as a scanner would. */
  readonly symbologyIdentifier?: string;
  readonly referenceYear?: number;
}

export function formatUdi(udi: UdiData, as: UdiFormat, options: FormatOptions = {}): string | UdiError {
  const referenceYear = options.referenceYear ?? currentYear();
  if (udi.scheme === "hibcc") {
    return as === "hibcc" ? writeHibcc(udi, referenceYear) : udiError("unsupported", `HIBCC data has no ${as} form`);
  }
  const invalid = checkAis(udi.ais, referenceYear);
  if (invalid) return invalid;
  switch (as) {
    case "gs1-element-string":
      return `${options.symbologyIdentifier ?? ""}${writeElementString(udi)}`;
    case "gs1-bracketed":
      return writeBracketed(udi);
    case "gs1-digital-link":
      return writeDigitalLink(udi, options.stem ?? DEFAULT_STEM);
    case "hibcc":
      return udiError("unsupported", "GS1 data has no HIBCC form");
  }
}

export interface ComposeInput extends Gs1Fields {
  /** Further AIs by number, for what has no field name. */
  readonly ais?: Readonly<Record<string, string>>;
}

/** A GS1 UDI from fields; every value is checked as if it had been scanned. */
export function compose(input: ComposeInput, options: { readonly referenceYear?: number } = {}): Gs1Udi | UdiError {
  const referenceYear = options.referenceYear ?? currentYear();
  const ais: Record<string, string> = { ...input.ais };
  for (const [name, ai] of Object.entries(Gs1FieldAis) as [Gs1FieldName, string][]) {
    const value = input[name];
    if (value === undefined) continue;
    const raw = (Gs1DateFields as readonly string[]).includes(name)
      ? writeYymmdd(value, referenceYear)
      : name === "expiryDateTime"
        ? writeYymmddhhmi(value, referenceYear)
        : value;
    if (raw === undefined) return udiError("date", `${name} ${JSON.stringify(value)} is not a date a label can carry`);
    if (ai in ais && ais[ai] !== raw) return udiError("duplicate-ai", `${name} and AI (${ai}) disagree`, undefined, ai);
    ais[ai] = raw;
  }
  const invalid = checkAis(ais, referenceYear);
  if (invalid) return invalid;
  return fromAis(ais, referenceYear);
}
