/**
 * What the codec hands back. Bad input is a value, never an exception: a scanner at the ward
 * desk produces garbage routinely, and the caller decides whether that is a 400 or a retry.
 */

/** The representations a UDI travels in; the names are those of the conformance vectors. */
export type UdiFormat = "gs1-element-string" | "gs1-bracketed" | "gs1-digital-link" | "hibcc";

export type UdiErrorKind =
  /** Malformed structure: no AI where one must start, unterminated bracket, bad HIBCC framing. */
  | "syntax"
  | "unknown-ai"
  /** A value too short or too long for its AI (or HIBCC field). */
  | "length"
  /** A character outside the AI's set (GS1 CSET 82 / 39 / numeric; HIBCC's upper-case alphanumerics). */
  | "character-set"
  /** GS1 mod-10, the alphanumeric check pair, IBAN mod-97 or the HIBCC mod-43 character. */
  | "check-digit"
  | "date"
  | "empty-value"
  /** A component that fails one of the GS1 syntax tests other than check digits and dates. */
  | "invalid-value"
  | "duplicate-ai"
  /** Not a usable GS1 Digital Link URI: scheme, characters, domain, no primary key in the path. */
  | "dl-syntax"
  /** A Digital Link whose path or query breaks the key/qualifier/attribute rules. */
  | "dl-structure"
  /** Well-formed, but cannot be expressed as asked (e.g. HIBCC in a GS1 symbol). */
  | "unsupported"
  /** The barcode engine refused the data (e.g. too long for the symbol). */
  | "render";

export interface UdiError {
  readonly error: UdiErrorKind;
  readonly message: string;
  /** Offset in the input where the problem starts, where one can be named. */
  readonly position?: number;
  readonly ai?: string;
}

export const isUdiError = (value: unknown): value is UdiError =>
  typeof value === "object" && value !== null && "error" in value && "message" in value;

/** AIs a medical-device label carries, by the name the ERP uses for them. */
export const Gs1FieldAis = {
  sscc: "00",
  gtin: "01",
  contentGtin: "02",
  lot: "10",
  manufactured: "11",
  packaged: "13",
  bestBefore: "15",
  sellBy: "16",
  expiry: "17",
  serial: "21",
  cpv: "22",
  variableCount: "30",
  count: "37",
  additionalId: "240",
  customerPartNumber: "241",
  secondarySerial: "250",
  sourceReference: "251",
  expiryDateTime: "7003",
  giai: "8004",
  paymentReference: "8020",
} as const;

export type Gs1FieldName = keyof typeof Gs1FieldAis;
/** Read as ISO `YYYY-MM-DD` (day `00` on the label means the last day of the month). */
export const Gs1DateFields = ["manufactured", "packaged", "bestBefore", "sellBy", "expiry"] as const;
export type Gs1Fields = { [K in Gs1FieldName]?: string };

export interface Gs1Data {
  readonly scheme: "gs1";
  /** Every AI and its value as carried, the single source of truth when formatting. */
  readonly ais: Readonly<Record<string, string>>;
  /**
   * The AIs in the order the input carried them (a record can't keep it: `"10"` is an integer key
   * and `"01"` is not). Formatting follows it; AIs missing from it go after, in canonical order.
   */
  readonly order?: readonly string[];
}

/** A parsed GS1 UDI: `ais` plus read-outs of the AIs in `Gs1FieldAis` (dates as ISO). */
export interface Gs1Udi extends Gs1Data, Gs1Fields {
  /** The device identifier: the GTIN; absent when the message carries no (01). */
  readonly di?: string;
  readonly symbologyIdentifier?: string;
}

export interface HibccData {
  readonly scheme: "hibcc";
  /** Labeler Identification Code; with `pcn` and `unitOfMeasure` the primary structure. */
  readonly lic?: string;
  readonly pcn?: string;
  readonly unitOfMeasure?: string;
  readonly lot?: string;
  readonly serial?: string;
  readonly expiry?: string;
  /** `YYYY-MM-DDTHH:00` when the label gives the hour (date formats 4 and 6). */
  readonly expiryDateTime?: string;
  readonly manufactured?: string;
  readonly quantity?: number;
}

export interface HibccUdi extends HibccData {
  /** `+` LIC PCN U/M: the primary data structure without its check character. */
  readonly di?: string;
  /** The secondary-only label's link to the primary label's check character. */
  readonly link?: string;
  readonly check: string;
  readonly symbologyIdentifier?: string;
}

export type Udi = Gs1Udi | HibccUdi;
export type UdiData = Gs1Data | HibccData;

export interface ParseOptions {
  /** Read the input as this representation instead of recognising it. */
  readonly format?: UdiFormat;
  /**
   * Pad a GTIN-8/12/13 in a Digital Link to 14 digits. Off by default, as in the GS1 engine:
   * the DL standard requires GTIN-14, but older generators wrote the short forms.
   */
  readonly permitZeroSuppressedGtinInDl?: boolean;
  /** The year the GS1 century rule for YYMMDD counts from; the current UTC year by default. */
  readonly referenceYear?: number;
}
