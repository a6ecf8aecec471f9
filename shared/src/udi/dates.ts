import { now } from "../ports/clock.ts";

/**
 * Label dates to ISO and back. Labels carry two-digit years; the GS1 century rule (General
 * Specifications 7.12) places them in a 100-year window around a reference year, which callers
 * pass in for reproducible results and which is otherwise the current UTC year.
 */
export const currentYear = (): number => now().getUTCFullYear();

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** GS1 7.12: a YY 51+ years ahead of the reference is last century, 50+ years behind is next. */
export function fullYear(yy: number, referenceYear: number): number {
  const century = referenceYear - (referenceYear % 100);
  const diff = yy - (referenceYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/** ISO `YYYY-MM-DD`, or undefined when no such day exists. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const digitsAt = (value: string, start: number, length: number): number => Number(value.slice(start, start + length));

/**
 * GS1 YYMMDD. With `dayZero` (the yymmd0 AIs: 11, 13, 15, 16, 17…) day 00 means "the month",
 * read as its last day, as biip does and as a use-by date must be read.
 */
export function readYymmdd(value: string, referenceYear: number, dayZero: boolean): string | undefined {
  if (!/^\d{6}$/.test(value)) return undefined;
  const year = fullYear(digitsAt(value, 0, 2), referenceYear);
  const month = digitsAt(value, 2, 2);
  const day = digitsAt(value, 4, 2);
  if (day === 0 && dayZero && month >= 1 && month <= 12) return isoDate(year, month, daysInMonth(year, month));
  return isoDate(year, month, day);
}

export function readYyyymmdd(value: string): string | undefined {
  if (!/^\d{8}$/.test(value)) return undefined;
  return isoDate(digitsAt(value, 0, 4), digitsAt(value, 4, 2), digitsAt(value, 6, 2));
}

export const isValidHour = (hh: string): boolean => /^\d{2}$/.test(hh) && Number(hh) <= 23;
export const isValidMinute = (mi: string): boolean => /^\d{2}$/.test(mi) && Number(mi) <= 59;

/** GS1 YYMMDDHHMM (AI 7003) as `YYYY-MM-DDTHH:MM`. */
export function readYymmddhhmi(value: string, referenceYear: number): string | undefined {
  const date = readYymmdd(value.slice(0, 6), referenceYear, false);
  const hh = value.slice(6, 8);
  const mi = value.slice(8);
  if (!date || value.length !== 10 || !isValidHour(hh) || !isValidMinute(mi)) return undefined;
  return `${date}T${hh}:${mi}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * ISO date to YYMMDD, refusing a date that the century rule would read back as another year:
 * a label printed with it would expire a century early.
 */
export function writeYymmdd(iso: string, referenceYear: number): string | undefined {
  const match = ISO_DATE.exec(iso);
  if (!match || !isoDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  const yymmdd = `${match[1]!.slice(2)}${match[2]}${match[3]}`;
  return readYymmdd(yymmdd, referenceYear, false) === iso ? yymmdd : undefined;
}

export function writeYymmddhhmi(isoDateTime: string, referenceYear: number): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(isoDateTime);
  if (!match || !isValidHour(match[2]!) || !isValidMinute(match[3]!)) return undefined;
  const date = writeYymmdd(match[1]!, referenceYear);
  return date && `${date}${match[2]}${match[3]}`;
}

export function writeYyyymmdd(iso: string): string | undefined {
  const match = ISO_DATE.exec(iso);
  if (!match || !isoDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  return `${match[1]}${match[2]}${match[3]}`;
}

/** Day-of-year dates (HIBCC YYJJJ). */
export function isoFromOrdinal(year: number, dayOfYear: number): string | undefined {
  const daysInYear = daysInMonth(year, 2) === 29 ? 366 : 365;
  if (dayOfYear < 1 || dayOfYear > daysInYear) return undefined;
  return new Date(Date.UTC(year, 0, dayOfYear)).toISOString().slice(0, 10);
}
