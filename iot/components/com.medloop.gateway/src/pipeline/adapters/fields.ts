import type { Quantity } from "@medloop/shared/device/devices";
import type { RejectReason } from "../reading.ts";
import { toCanonical } from "../units.ts";

/**
 * Typed field access for adapters. A wrong type or unit throws an AdapterError that the pipeline
 * turns into a counted rejection of that one reading; hand-written because this runs per reading
 * (a schema library per message costs more than the whole rest of the pipeline).
 */
export type Obj = Record<string, unknown>;

export class AdapterError extends Error {
  constructor(
    readonly reason: RejectReason,
    detail: string,
  ) {
    super(detail);
  }
}

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function obj(o: Obj, key: string): Obj | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!isObj(v)) throw new AdapterError("wrong-type", `${key} must be an object`);
  return v;
}

export function str(o: Obj, key: string, required: true): string;
export function str(o: Obj, key: string, required?: false): string | undefined;
export function str(o: Obj, key: string, required = false): string | undefined {
  const v = o[key];
  if (v === undefined) {
    if (required) throw new AdapterError("missing-field", `${key} is missing`);
    return undefined;
  }
  if (typeof v !== "string" || v.length > 256) throw new AdapterError("wrong-type", `${key} must be a short string`);
  return v;
}

export function num(o: Obj, key: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v)) throw new AdapterError("wrong-type", `${key} must be a number`);
  return v;
}

/** The device's message counter: a non-negative safe integer. */
export function counter(o: Obj, key: string): number {
  const v = o[key];
  if (v === undefined) throw new AdapterError("missing-field", `${key} is missing`);
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    throw new AdapterError("wrong-type", `${key} must be a non-negative integer`);
  }
  return v;
}

/** Epoch milliseconds, or an ISO 8601 string with a zone. */
export function timestamp(o: Obj, key: string): number {
  const v = o[key];
  if (v === undefined) throw new AdapterError("missing-field", `${key} is missing`);
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === "string" && v.length <= 40 && /(Z|[+-]\d\d:?\d\d)$/.test(v)) {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  throw new AdapterError("wrong-type", `${key} must be epoch ms or an ISO 8601 time with a zone`);
}

/** A measured value in its reported unit, converted to the quantity's canonical unit. */
export function measure(quantity: Quantity, value: number | undefined, unit: unknown, what: string) {
  if (value === undefined) return undefined;
  if (typeof unit !== "string") throw new AdapterError("bad-unit", `${what}: unit missing`);
  const canonical = toCanonical(quantity, value, unit);
  if (canonical === undefined) throw new AdapterError("bad-unit", `${what}: unknown unit "${unit.slice(0, 16)}"`);
  return canonical;
}

const maxAlarms = 32;

/** Alarm codes, from a list of strings or of `{ code }` objects; upper-cased so vendors agree. */
export function alarms(o: Obj, key: string): string[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > maxAlarms) {
    throw new AdapterError("wrong-type", `${key} must be a list of at most ${maxAlarms} alarms`);
  }
  return v.map((a) => {
    const code = isObj(a) ? a.code : a;
    if (typeof code !== "string" || code.length === 0 || code.length > 64) {
      throw new AdapterError("wrong-type", `${key} entries must be alarm codes`);
    }
    return code.toUpperCase();
  });
}

/** Sets an attribute only if present, so an absent field is not a change. */
export function setAttr(out: Record<string, string>, key: string, value: string | undefined): void {
  if (value !== undefined) out[key] = value;
}
