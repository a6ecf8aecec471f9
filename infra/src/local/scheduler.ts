import type { ScheduleDeclaration } from "@medloop/functions/declaration/types";
import { Cron } from "croner";

/**
 * Runs the declared schedules locally, reading the same EventBridge Scheduler expressions the CDK
 * stack deploys, evaluated in UTC (the declarations set no time zone).
 *
 * Departures from the cloud, on purpose:
 * - A rate schedule first fires one interval after start(). In AWS it fires at creation, but a
 *   local restart is not a creation, and firing every rate job at each boot is noise; use runNow().
 * - An invocation still running is not started again (EventBridge would invoke concurrently):
 *   locally, overlapping runs of one job hide more bugs than they find.
 */

export interface SchedulerOptions {
  schedules: readonly ScheduleDeclaration[];
  invoke: (schedule: ScheduleDeclaration) => Promise<void>;
  log?: (line: Record<string, unknown>) => void;
  now?: () => Date;
}

export interface Scheduler {
  start(): void;
  /** Clears the timers; resolves once invocations already running have finished. */
  stop(): Promise<void>;
  /** Invokes now and settles with the invocation; joins the running one rather than overlap it. */
  runNow(name: string): Promise<void>;
  /** The next run after now(); undefined when the expression has no future occurrence. */
  next(name: string): Date | undefined;
}

export interface ScheduleTiming {
  /** First occurrence strictly after `after`; rate schedules count from `anchor`. */
  next(after: Date, anchor: Date): Date | undefined;
}

// setTimeout fires at once for delays above 2^31-1 ms (~24.8 days): longer waits are re-armed.
const maxTimerMs = 2 ** 31 - 1;

const rateUnits: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Field checks EventBridge applies that croner would accept more loosely. */
const cronFields = [
  { name: "minutes", chars: /^[0-9,*/-]+$/ },
  { name: "hours", chars: /^[0-9,*/-]+$/ },
  { name: "day-of-month", chars: /^[0-9,*/?LW-]+$/ },
  { name: "month", chars: /^[0-9A-Za-z,*/-]+$/ },
  { name: "day-of-week", chars: /^[0-9A-Za-z,*?L#-]+$/ },
  { name: "year", chars: /^[0-9,*/-]+$/ },
] as const;

/** Parses `rate(value unit)` or `cron(min hour dom month dow year)`; throws with the reason. */
export function parseScheduleExpression(expression: string): ScheduleTiming {
  const rate = /^rate\((.*)\)$/.exec(expression);
  if (rate) return parseRate(rate[1] ?? "");
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return parseCron(cron[1] ?? "");
  if (expression.startsWith("at(")) {
    throw new Error("one-time at(...) schedules are not declared as recurring schedules; use rate(...) or cron(...)");
  }
  throw new Error('expected "rate(value unit)" or "cron(minutes hours day-of-month month day-of-week year)"');
}

function parseRate(body: string): ScheduleTiming {
  const m = /^(\d+) (minute|hour|day)(s?)$/.exec(body);
  if (!m) throw new Error(`rate(${body}): expected "rate(value unit)" with unit minute(s), hour(s) or day(s)`);
  const value = Number(m[1]);
  if (value < 1) throw new Error(`rate(${body}): the value must be a positive integer`);
  // EventBridge rejects "rate(1 minutes)" and "rate(5 minute)".
  if ((value === 1) !== (m[3] === "")) {
    throw new Error(`rate(${body}): use the singular unit for 1 and the plural otherwise`);
  }
  const everyMs = value * (rateUnits[m[2] ?? ""] ?? 0);
  return {
    next: (after, anchor) => {
      const elapsed = after.getTime() - anchor.getTime();
      const k = elapsed < 0 ? 0 : Math.floor(elapsed / everyMs) + 1;
      return new Date(anchor.getTime() + k * everyMs);
    },
  };
}

function parseCron(body: string): ScheduleTiming {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new Error(
      `cron(${body}): expected 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
    );
  }
  fields.forEach((f, i) => {
    const spec = cronFields[i];
    if (spec && !spec.chars.test(f)) throw new Error(`cron(${body}): invalid ${spec.name} field "${f}"`);
  });
  const [minutes, hours, dom = "", month, dow = "", year = ""] = fields;
  if ((dom === "?") === (dow === "?")) {
    throw new Error(`cron(${body}): exactly one of day-of-month and day-of-week must be "?"`);
  }
  checkDayOfWeek(body, dow);
  for (const y of year.match(/\d+/g) ?? []) {
    if (Number(y) < 1970 || Number(y) > 2199) throw new Error(`cron(${body}): year ${y} is outside 1970-2199`);
  }
  // croner reads "?" as "the current time's value", so it becomes "*"; Quartz weekdays (1 = Sunday)
  // and "0/15"-style steps are EventBridge's, hence alternativeWeekdays and sloppyRanges.
  const pattern = ["0", minutes, hours, dom, month, dow, year].map((f) => (f === "?" ? "*" : f)).join(" ");
  let cron: Cron;
  try {
    cron = new Cron(pattern, {
      timezone: "Etc/UTC",
      mode: "7-part",
      alternativeWeekdays: true,
      sloppyRanges: true,
      paused: true,
    });
  } catch (e) {
    throw new Error(`cron(${body}): ${e instanceof Error ? e.message : String(e)}`);
  }
  return { next: (after) => cron.nextRun(after) ?? undefined };
}

/** Weekdays are 1-7 (SUN-SAT) in EventBridge; "n#k" is the k-th weekday n of the month. */
function checkDayOfWeek(body: string, dow: string): void {
  for (const part of dow.split(",")) {
    const [day = "", nth] = part.split("#");
    if (nth !== undefined && !/^[1-5]$/.test(nth)) throw new Error(`cron(${body}): "${part}": k in n#k must be 1-5`);
    for (const n of day.replace(/L$/, "").split("-")) {
      if (/^\d+$/.test(n) && (Number(n) < 1 || Number(n) > 7)) {
        throw new Error(`cron(${body}): day-of-week ${n} is outside 1-7 (1 = Sunday)`);
      }
    }
  }
}

interface Entry {
  schedule: ScheduleDeclaration;
  timing: ScheduleTiming;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

export function createScheduler({
  schedules,
  invoke,
  log = () => undefined,
  now = () => new Date(),
}: SchedulerOptions): Scheduler {
  const entries = new Map<string, Entry>();
  for (const schedule of schedules) {
    if (entries.has(schedule.name)) throw new Error(`Schedule "${schedule.name}" is declared twice.`);
    let timing: ScheduleTiming;
    try {
      timing = parseScheduleExpression(schedule.expression);
    } catch (e) {
      throw new Error(
        `Schedule "${schedule.name}" has an invalid expression "${schedule.expression}": ${(e as Error).message}`,
      );
    }
    entries.set(schedule.name, { schedule, timing });
  }
  let startedAt: Date | undefined;

  const entry = (name: string): Entry => {
    const e = entries.get(name);
    if (!e) throw new Error(`No schedule named "${name}". Declared: ${[...entries.keys()].join(", ") || "none"}.`);
    return e;
  };

  const nextOf = (e: Entry): Date | undefined => {
    const t = now();
    return e.timing.next(t, startedAt ?? t);
  };

  const run = (e: Entry): Promise<void> => {
    if (e.running) {
      log({ msg: "schedule skipped: previous invocation still running", schedule: e.schedule.name });
      return e.running;
    }
    const running = (async () => {
      try {
        await invoke(e.schedule);
      } catch (err) {
        log({ msg: "schedule failed", schedule: e.schedule.name, handler: e.schedule.handler, error: String(err) });
        throw err;
      } finally {
        e.running = undefined;
      }
    })();
    e.running = running;
    return running;
  };

  const arm = (e: Entry): void => {
    const at = nextOf(e);
    if (!at) {
      log({ msg: "schedule has no future run", schedule: e.schedule.name, expression: e.schedule.expression });
      return;
    }
    const delay = Math.min(Math.max(0, at.getTime() - now().getTime()), maxTimerMs);
    e.timer = setTimeout(() => {
      // Woken early (a capped long wait, or timer rounding): wait the rest.
      if (now().getTime() < at.getTime()) return arm(e);
      // Failures are logged by run(); a timer-driven run has no caller to hand them to.
      run(e).catch(() => undefined);
      arm(e);
    }, delay);
  };

  return {
    start() {
      if (startedAt) return;
      startedAt = now();
      for (const e of entries.values()) {
        arm(e);
        log({
          msg: "schedule armed",
          schedule: e.schedule.name,
          expression: e.schedule.expression,
          next: nextOf(e)?.toISOString(),
        });
      }
    },
    async stop() {
      startedAt = undefined;
      for (const e of entries.values()) clearTimeout(e.timer);
      await Promise.allSettled([...entries.values()].map((e) => e.running));
    },
    runNow: async (name) => run(entry(name)),
    next: (name) => nextOf(entry(name)),
  };
}
