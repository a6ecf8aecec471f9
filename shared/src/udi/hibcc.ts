/**
 * HIBC LIC (ANSI/HIBC 2.6): `+` LIC PCN U/M as the primary structure, then `/` and the secondary
 * (quantity, expiry in one of seven date formats, lot or serial) with `/S`, `/16D`, `/14D`, `/Q`
 * supplemental data, one mod-43 check character at the end. A secondary-only label carries a
 * link character (the primary's check character) before its own check character.
 */
import { HIBCC_ALPHABET, hibccCheckCharacter } from "./check-digit.ts";
import { daysInMonth, fullYear, isoDate, isoFromOrdinal, readYyyymmdd, writeYymmdd, writeYyyymmdd } from "./dates.ts";
import { udiError } from "./errors.ts";
import type { HibccData, HibccUdi, UdiError } from "./types.ts";

const LIC = /^[A-Z][A-Z0-9]{3}$/;
const PCN = /^[A-Z0-9]{1,18}$/;
const LOT_OR_SERIAL = /^[A-Z0-9]{0,18}$/;

interface Expiry {
  readonly expiry: string;
  readonly expiryDateTime?: string;
}

type DateReader = (text: string, referenceYear: number) => Expiry | undefined;

const two = (text: string, at: number) => Number(text.slice(at, at + 2));
const withHour = (expiry: string | undefined, hh: string): Expiry | undefined =>
  expiry && Number(hh) <= 23 ? { expiry, expiryDateTime: `${expiry}T${hh}:00` } : undefined;

/** `$$` date formats by flag digit; 0 and 1 are the first digit of a bare MMYY (no flag). */
const DATE_FORMATS: Record<string, { readonly flagged: boolean; readonly length: number; readonly read: DateReader }> =
  {
    // A month on its own: usable to its last day.
    "0": { flagged: false, length: 4, read: (t, y) => readMonth(two(t, 0), fullYear(two(t, 2), y)) },
    "1": { flagged: false, length: 4, read: (t, y) => readMonth(two(t, 0), fullYear(two(t, 2), y)) },
    "2": { flagged: true, length: 6, read: (t, y) => readDay(fullYear(two(t, 4), y), two(t, 0), two(t, 2)) },
    "3": { flagged: true, length: 6, read: (t, y) => readDay(fullYear(two(t, 0), y), two(t, 2), two(t, 4)) },
    "4": {
      flagged: true,
      length: 8,
      read: (t, y) => withHour(isoDate(fullYear(two(t, 0), y), two(t, 2), two(t, 4)), t.slice(6, 8)),
    },
    "5": { flagged: true, length: 5, read: (t, y) => readOrdinal(t, y) },
    "6": { flagged: true, length: 7, read: (t, y) => withHour(readOrdinal(t, y)?.expiry, t.slice(5, 7)) },
  };

function readMonth(month: number, year: number): Expiry | undefined {
  if (month < 1 || month > 12) return undefined;
  return { expiry: isoDate(year, month, daysInMonth(year, month))! };
}

function readDay(year: number, month: number, day: number): Expiry | undefined {
  const expiry = isoDate(year, month, day);
  return expiry ? { expiry } : undefined;
}

function readOrdinal(text: string, referenceYear: number): Expiry | undefined {
  const expiry = isoFromOrdinal(fullYear(two(text, 0), referenceYear), Number(text.slice(2, 5)));
  return expiry ? { expiry } : undefined;
}

interface Secondary {
  lot?: string;
  serial?: string;
  expiry?: string;
  expiryDateTime?: string;
  manufactured?: string;
  quantity?: number;
}

/** Quantity (`8`+2 or `9`+5 digits), then the date by its format flag, then lot or serial. */
function readQuantityDate(text: string, into: Secondary, referenceYear: number): string | UdiError {
  let rest = text;
  const quantityDigits = rest.startsWith("8") ? 2 : rest.startsWith("9") ? 5 : 0;
  if (quantityDigits) {
    const quantity = rest.slice(1, 1 + quantityDigits);
    if (!/^\d+$/.test(quantity) || quantity.length < quantityDigits) return udiError("syntax", "Bad HIBCC quantity");
    into.quantity = Number(quantity);
    rest = rest.slice(1 + quantityDigits);
  }
  const flag = rest.charAt(0);
  if (flag === "7") return rest.slice(1);
  const format = DATE_FORMATS[flag];
  if (!format) return rest;
  const start = format.flagged ? 1 : 0;
  const digits = rest.slice(start, start + format.length);
  const expiry = new RegExp(`^\\d{${format.length}}$`).test(digits) ? format.read(digits, referenceYear) : undefined;
  if (!expiry) return udiError("date", `HIBCC expiry ${JSON.stringify(digits)} is not a valid date`);
  Object.assign(into, expiry);
  return rest.slice(start + format.length);
}

/** Supplemental data by its ANSI MH10.8.2 identifier: serial, manufacture date, expiry, quantity. */
function readSupplemental(data: string, into: Secondary): UdiError | undefined {
  const [, identifier, value = ""] = /^(S|16D|14D|Q)(.*)$/.exec(data) ?? [];
  switch (identifier) {
    case "S":
      if (into.serial !== undefined) return udiError("syntax", "HIBCC serial is given twice");
      if (value === "" || !LOT_OR_SERIAL.test(value)) {
        return udiError("character-set", "HIBCC serial must be 1–18 of A–Z, 0–9");
      }
      into.serial = value;
      return undefined;
    case "16D":
    case "14D": {
      const field = identifier === "16D" ? "manufactured" : "expiry";
      const date = readYyyymmdd(value);
      if (!date) return udiError("date", `HIBCC ${identifier} ${JSON.stringify(value)} is not YYYYMMDD`);
      if (into[field] !== undefined) return udiError("syntax", `HIBCC ${field} is given twice`);
      into[field] = date;
      return undefined;
    }
    case "Q":
      if (!/^\d+$/.test(value)) return udiError("syntax", "HIBCC quantity must be digits");
      if (into.quantity !== undefined) return udiError("syntax", "HIBCC quantity is given twice");
      into.quantity = Number(value);
      return undefined;
    default:
      return udiError("syntax", `Unknown HIBCC supplemental data ${JSON.stringify(data)}`);
  }
}

function readSecondary(text: string, referenceYear: number): Secondary | UdiError {
  const [main = "", ...supplemental] = text.split("/");
  const secondary: Secondary = {};
  let identifier: string | UdiError;
  let field: "lot" | "serial" = "lot";
  if (/^\d{5}/.test(main)) {
    const expiry = readOrdinal(main, referenceYear);
    if (!expiry) return udiError("date", `HIBCC expiry ${main.slice(0, 5)} is not a valid day of the year`);
    secondary.expiry = expiry.expiry;
    identifier = main.slice(5);
  } else if (main.startsWith("$$+")) {
    field = "serial";
    identifier = readQuantityDate(main.slice(3), secondary, referenceYear);
  } else if (main.startsWith("$$")) {
    identifier = readQuantityDate(main.slice(2), secondary, referenceYear);
  } else if (main.startsWith("$+")) {
    field = "serial";
    identifier = main.slice(2);
  } else if (main.startsWith("$")) {
    identifier = main.slice(1);
  } else {
    return udiError("syntax", "HIBCC secondary data starts with $ or a Julian date");
  }
  if (typeof identifier !== "string") return identifier;
  if (!LOT_OR_SERIAL.test(identifier)) return udiError("character-set", `HIBCC ${field} must be 0–18 of A–Z, 0–9`);
  if (identifier) secondary[field] = identifier;

  for (const data of supplemental) {
    const invalid = readSupplemental(data, secondary);
    if (invalid) return invalid;
  }
  return secondary;
}

/**
 * The label's fields with the check character as printed and as computed; positions count from
 * `base`, where the data starts in the scanned input. `parseUdi` refuses a mismatch, this reader
 * doesn't, so that the fields of a damaged or illustrative label can still be shown.
 */
export function readHibcc(
  input: string,
  base: number,
  referenceYear: number,
): { readonly udi: HibccUdi; readonly computedCheck: string; readonly checkPosition: number } | UdiError {
  // Human-readable text under a Code 39 symbol is framed by its start/stop asterisks.
  const framed = /^\*\+.*\*$/.test(input);
  const text = framed ? input.slice(1, -1) : input;
  const at = (offset: number) => base + offset + (framed ? 1 : 0);
  if (!text.startsWith("+")) return udiError("syntax", "HIBCC data starts with +", base);
  const bad = [...text].findIndex((char) => !HIBCC_ALPHABET.includes(char));
  if (bad >= 0) return udiError("character-set", "Character outside the HIBCC set", at(bad));
  if (text.length < 3) return udiError("length", "HIBCC data is too short", base);
  const check = text.slice(-1);
  const computedCheck = hibccCheckCharacter(text.slice(0, -1))!;
  const data = text.slice(1, -1);

  let primary: { lic: string; pcn: string; unitOfMeasure: string } | undefined;
  let secondaryText: string | undefined;
  let link: string | undefined;
  if (/^[A-Z]/.test(data)) {
    const slash = data.indexOf("/");
    const primaryText = slash < 0 ? data : data.slice(0, slash);
    secondaryText = slash < 0 ? undefined : data.slice(slash + 1);
    primary = { lic: primaryText.slice(0, 4), pcn: primaryText.slice(4, -1), unitOfMeasure: primaryText.slice(-1) };
    if (primaryText.length < 6) return udiError("length", "HIBCC primary data is LIC, PCN and U/M", at(1));
    if (!LIC.test(primary.lic)) return udiError("syntax", "HIBCC LIC is a letter and three alphanumerics", at(1));
    if (!PCN.test(primary.pcn)) return udiError("length", "HIBCC PCN is 1–18 alphanumerics", at(5));
    if (!/^\d$/.test(primary.unitOfMeasure)) {
      return udiError("syntax", "HIBCC unit of measure is a digit", at(primaryText.length));
    }
  } else {
    link = data.slice(-1);
    secondaryText = data.slice(0, -1);
  }
  const secondary = secondaryText === undefined ? {} : readSecondary(secondaryText, referenceYear);
  if ("error" in secondary) return secondary;
  return {
    udi: {
      scheme: "hibcc",
      ...(primary ? { di: `+${primary.lic}${primary.pcn}${primary.unitOfMeasure}`, ...primary } : {}),
      ...secondary,
      ...(link === undefined ? {} : { link }),
      check,
    },
    computedCheck,
    checkPosition: at(text.length - 1),
  };
}

/** The concatenated form: primary, `/`, secondary, supplemental data, one check character. */
export function writeHibcc(data: HibccData, referenceYear: number): string | UdiError {
  const { lic = "", pcn = "", unitOfMeasure = "", lot, serial, expiry, expiryDateTime, manufactured, quantity } = data;
  if (!LIC.test(lic)) return udiError("syntax", "HIBCC LIC is a letter and three alphanumerics");
  if (!PCN.test(pcn)) return udiError("length", "HIBCC PCN is 1–18 of A–Z, 0–9");
  if (!/^\d$/.test(unitOfMeasure)) return udiError("syntax", "HIBCC unit of measure is a digit");
  for (const [name, value] of [
    ["lot", lot],
    ["serial", serial],
  ] as const) {
    if (value !== undefined && (value === "" || !LOT_OR_SERIAL.test(value))) {
      return udiError("character-set", `HIBCC ${name} must be 1–18 of A–Z, 0–9`);
    }
  }
  if (quantity !== undefined && (!Number.isInteger(quantity) || quantity < 1)) {
    return udiError("syntax", "HIBCC quantity is a positive whole number");
  }

  let date = "";
  if (expiryDateTime !== undefined && expiry !== undefined && !expiryDateTime.startsWith(`${expiry}T`)) {
    return udiError("date", "HIBCC expiry and expiry time name different days");
  }
  if (expiryDateTime !== undefined) {
    const [day = "", hh = ""] = expiryDateTime.split("T");
    const yymmdd = writeYymmdd(day, referenceYear);
    if (!yymmdd || !/^([01]\d|2[0-3]):00$/.test(hh)) return udiError("date", "HIBCC expiry time is YYYY-MM-DDTHH:00");
    date = `4${yymmdd}${hh.slice(0, 2)}`;
  } else if (expiry !== undefined) {
    const yymmdd = writeYymmdd(expiry, referenceYear);
    if (!yymmdd) return udiError("date", `HIBCC expiry ${expiry} is not a date the label can carry`);
    date = `3${yymmdd}`;
  }
  const made = manufactured === undefined ? undefined : writeYyyymmdd(manufactured);
  if (manufactured !== undefined && !made) return udiError("date", `Manufacture date ${manufactured} is not a date`);

  const serialOnly = serial !== undefined && lot === undefined;
  const main = date ? `$$${serialOnly ? "+" : ""}${date}` : serialOnly ? "$+" : "$";
  const supplemental = [
    serial !== undefined && !serialOnly ? `/S${serial}` : "",
    made ? `/16D${made}` : "",
    quantity !== undefined ? `/Q${quantity}` : "",
  ].join("");
  const hasSecondary = [lot, serial, expiry, expiryDateTime, manufactured, quantity].some((v) => v !== undefined);
  const secondary = hasSecondary ? `/${main}${serialOnly ? serial : (lot ?? "")}${supplemental}` : "";
  const body = `+${lic}${pcn}${unitOfMeasure}${secondary}`;
  return body + hibccCheckCharacter(body)!;
}
