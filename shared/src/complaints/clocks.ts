/**
 * Reporting clocks (TR-4): how long a manufacturer has to report a complaint to an authority,
 * counted from its awareness (when the complaint reached it). Pure: the caller passes the dates.
 *
 * - FDA MDR (21 CFR 803): 30 calendar days; 5 work days when remedial action is needed.
 * - EU MDR (Art. 87): 15 days; 10 for a death or serious deterioration; 2 for a serious
 *   public-health threat. The shortest period that applies wins.
 *
 * A due time keeps the time of day of the awareness. Work days skip Saturday and Sunday (UTC);
 * public holidays are not modelled, which only ever makes a clock earlier than the law's.
 */
export type Regime = "fda-mdr" | "eu-mdr";
export type Unit = "calendar" | "work";

export interface Period {
  days: number;
  unit: Unit;
}

export interface Facts {
  remedialAction: boolean;
  publicHealthThreat: boolean;
  deathOrSeriousDeterioration: boolean;
}

const DAY_MS = 86_400_000;

export const addCalendarDays = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS);

const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/**
 * `days` work days after `from` (negative: before), each step landing on a weekday: Friday + 1 is
 * Monday, Saturday + 1 is Monday too (the weekend does not count, whichever day of it we start on).
 */
export function addWorkDays(from: Date, days: number): Date {
  const step = days < 0 ? -1 : 1;
  let d = new Date(from.getTime());
  for (let left = Math.abs(days); left > 0; ) {
    d = addCalendarDays(d, step);
    if (!isWeekend(d)) left--;
  }
  return d;
}

/** The period a regime allows for the facts of a decision. */
export function periodOf(regime: Regime, facts: Facts): Period {
  if (regime === "fda-mdr") return facts.remedialAction ? { days: 5, unit: "work" } : { days: 30, unit: "calendar" };
  if (facts.publicHealthThreat) return { days: 2, unit: "calendar" };
  if (facts.deathOrSeriousDeterioration) return { days: 10, unit: "calendar" };
  return { days: 15, unit: "calendar" };
}

const add = (from: Date, days: number, unit: Unit) =>
  unit === "work" ? addWorkDays(from, days) : addCalendarDays(from, days);

export const dueAt = (awareAt: Date, period: Period): Date => add(awareAt, period.days, period.unit);

/**
 * When a clock starts warning: the last 2 work days of a work-day clock; the last quarter
 * (rounded up to whole days) of a calendar clock — 8 days of 30, 4 of 15, 3 of 10, 1 of 2. Early
 * enough for the report to be written, late enough not to cry wolf on a month-long clock.
 */
export function warnAt(due: Date, period: Period): Date {
  return period.unit === "work" ? addWorkDays(due, -2) : addCalendarDays(due, -Math.ceil(period.days / 4));
}

/** 0 running, 1 due soon (within its warning horizon), 2 overdue. */
export type Stage = 0 | 1 | 2;

export function stageAt(at: Date, due: Date, period: Period): Stage {
  if (at.getTime() >= due.getTime()) return 2;
  return at.getTime() >= warnAt(due, period).getTime() ? 1 : 0;
}
