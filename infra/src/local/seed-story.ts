import { runningFrom, withClock } from "@medloop/shared";

/**
 * The days the demo's story happens on, so its records carry the dates it tells: Acme onboards in
 * November 2025, buys component lots before each production run, makes its lots from January to
 * June 2026 and delivers to the hospitals in July, where the warranties start. What the demo shows
 * as current (open purchase orders, a shipment in transit, certificates about to lapse) happens on
 * the day the seed runs.
 */
export const STORY = {
  onboarding: "2025-11-03",
  monitorLotHeld: "2026-03-12",
  delivery: { city: "2026-07-06", river: "2026-07-13", pulse: "2026-08-03" },
} as const;

/** Runs `fn` with the domain's clock on `day` (08:30 UTC, then running), in the current scope. */
export const onDay = <T>(day: string, fn: () => Promise<T>): Promise<T> =>
  withClock(runningFrom(`${day}T08:30:00.000Z`), fn);

export const plusDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The day `days` from the seeding day (negative: before it), for what the demo shows as current. */
export const fromToday = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The day `days` before the seeding day. */
export const daysAgo = (days: number): string => fromToday(-days);
