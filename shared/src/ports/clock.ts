import { maybeScope } from "../tenant/context.ts";

/** Where the domain reads the time. The scope may carry one (a test's fixed clock); otherwise the system's. */
export interface Clock {
  now(): Date;
}

// Set by the local platform so a demo can run days ahead; the cloud never sets it.
let offsetMs = 0;

/** Move the system clock by a fixed offset for this process (the local platform's start time option). */
export const setClockOffset = (ms: number): void => {
  offsetMs = ms;
};

export const systemClock: Clock = { now: () => new Date(Date.now() + offsetMs) };

const clock = (): Clock => maybeScope()?.clock ?? systemClock;

export const now = (): Date => clock().now();
export const nowMs = (): number => now().getTime();
export const nowIso = (): string => now().toISOString();
/** Today's UTC date, `YYYY-MM-DD`. */
export const today = (): string => nowIso().slice(0, 10);

/** A clock a test moves by hand. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function manualClock(at: Date | string): ManualClock {
  let t = new Date(at).getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A clock stopped at one instant. */
export const fixedClock = (at: Date | string): Clock => {
  const t = new Date(at).getTime();
  return { now: () => new Date(t) };
};

/**
 * A clock that starts at `at` and runs at the system clock's pace: what a seed uses to record work
 * on the day its story tells while records made one after another keep their order.
 */
export const runningFrom = (at: Date | string): Clock => {
  const shift = new Date(at).getTime() - systemClock.now().getTime();
  return { now: () => new Date(systemClock.now().getTime() + shift) };
};

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `+3d`, `-12h`, `90m`, `30s` or plain milliseconds, as the local platform's offset option takes it. */
export function parseOffset(text: string): number {
  const m = /^([+-]?)(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new Error(`Not a clock offset: "${text}" (e.g. +3d, -12h, 90m, 30s, 5000)`);
  return (m[1] === "-" ? -1 : 1) * Number(m[2]) * UNIT_MS[m[3] ?? "ms"]!;
}
