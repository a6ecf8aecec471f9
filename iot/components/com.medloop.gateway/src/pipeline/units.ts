import type { Quantity } from "@medloop/shared/device/devices";

/**
 * Conversions into each quantity's canonical unit (the unit in the signal table). Devices of the
 * same kind from different vendors report in different units; upstream there is only one.
 */
const conversions: Record<Quantity, Record<string, (v: number) => number>> = {
  temperature: {
    C: (v) => v,
    "°C": (v) => v,
    F: (v) => ((v - 32) * 5) / 9,
    "°F": (v) => ((v - 32) * 5) / 9,
    K: (v) => v - 273.15,
  },
  pressure: {
    kPa: (v) => v,
    Pa: (v) => v / 1_000,
    hPa: (v) => v / 10,
    MPa: (v) => v * 1_000,
    bar: (v) => v * 100,
    mbar: (v) => v / 10,
    psi: (v) => v * 6.894757,
    mmHg: (v) => v * 0.133322,
  },
  // Blood pressure stays in mmHg, the clinical convention; some monitors report kPa.
  "blood-pressure": { mmHg: (v) => v, kPa: (v) => v / 0.133322 },
  "flow-rate": { "mL/h": (v) => v, "mL/min": (v) => v * 60, "L/h": (v) => v * 1_000 },
  volume: { mL: (v) => v, L: (v) => v * 1_000 },
  duration: { s: (v) => v, ms: (v) => v / 1_000, min: (v) => v * 60 },
  "heart-rate": { bpm: (v) => v, "1/min": (v) => v },
  saturation: { "%": (v) => v, fraction: (v) => v * 100 },
  count: { "1": (v) => v },
};

/**
 * Canonical value, rounded to 4 decimals: conversions leave binary noise (98.6 °F is
 * 37.00000000000001 °C) that would otherwise make equal readings unequal.
 */
export function toCanonical(quantity: Quantity, value: number, unit: string): number | undefined {
  const convert = conversions[quantity][unit];
  return convert ? round4(convert(value)) : undefined;
}

export const round4 = (v: number): number => Math.round(v * 10_000) / 10_000;
