/**
 * `parseUdi`: whatever a scanner, a keyboard or a URL field hands over, to identifiers or a typed
 * error. The representation is recognised from the data unless the caller names it.
 */
import { currentYear } from "./dates.ts";
import { readDigitalLink } from "./digital-link.ts";
import { udiError } from "./errors.ts";
import { readBracketed, readElementString, toGs1Udi } from "./gs1.ts";
import { readHibcc } from "./hibcc.ts";
import type { ParseOptions, Udi, UdiError, UdiFormat } from "./types.ts";

/** AIM symbology identifiers of the GS1 symbols: GS1-128, DataBar/composite, DataMatrix, QR, DotCode. */
const GS1_SYMBOLOGIES = new Set(["]C1", "]e0", "]d2", "]Q3", "]J1"]);

/** `]` + symbology letter + modifier, as a scanner configured to transmit it prefixes the data. */
function splitSymbologyIdentifier(input: string): { readonly identifier?: string; readonly data: string } {
  const match = /^\][A-Za-z][0-9A-Za-z]/.exec(input);
  return match ? { identifier: match[0], data: input.slice(3) } : { data: input };
}

/** The representation of the data after any symbology identifier. */
export function detectFormat(input: string): UdiFormat {
  const { data } = splitSymbologyIdentifier(input);
  if (/^\*?\+/.test(data)) return "hibcc";
  if (/^https?:\/\//i.test(data)) return "gs1-digital-link";
  if (data.startsWith("(")) return "gs1-bracketed";
  return "gs1-element-string";
}

export function parseUdi(input: string, options: ParseOptions = {}): Udi | UdiError {
  const referenceYear = options.referenceYear ?? currentYear();
  const { identifier, data } = splitSymbologyIdentifier(input);
  const base = input.length - data.length;
  const format = options.format ?? detectFormat(input);
  const symbology = identifier ? { symbologyIdentifier: identifier } : {};

  switch (format) {
    case "hibcc": {
      const read = readHibcc(data, base, referenceYear);
      if ("error" in read) return read;
      if (read.udi.check !== read.computedCheck) {
        const message = `HIBCC check character is ${read.udi.check}, the data gives ${read.computedCheck}`;
        return udiError("check-digit", message, read.checkPosition);
      }
      return { ...read.udi, ...symbology };
    }
    case "gs1-digital-link": {
      const elements = readDigitalLink(data, base, {
        permitZeroSuppressedGtin: options.permitZeroSuppressedGtinInDl ?? false,
        referenceYear,
      });
      return "error" in elements ? elements : toGs1Udi(elements, referenceYear, identifier);
    }
    case "gs1-bracketed": {
      const elements = readBracketed(data, base, referenceYear);
      return "error" in elements ? elements : toGs1Udi(elements, referenceYear, identifier);
    }
    case "gs1-element-string": {
      if (identifier && !GS1_SYMBOLOGIES.has(identifier)) {
        return udiError("syntax", `Symbology ${identifier} does not carry GS1 element strings`, 0);
      }
      const elements = readElementString(data, base, referenceYear);
      return "error" in elements ? elements : toGs1Udi(elements, referenceYear, identifier);
    }
  }
}
