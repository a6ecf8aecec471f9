import { Cron } from "croner";
import { validation } from "../errors/index.ts";

/**
 * EventBridge Scheduler expressions, `rate(value unit)` and `cron(min hour dom month dow year)`, read
 * once for everyone who schedules: the local scheduler arms its timers with it, and early-warning
 * rules are refused at creation when their schedule does not parse or never fires. UTC throughout
 * (MedLoop's declarations and rules set no time zone).
 */

/** Every refusal carries this code; the message says what is wrong with the expression. */
const invalid = (message: string) => validation("invalid-schedule-expression", message);

export interface ScheduleTiming {
  /** First occurrence strictly after `after`; rate schedules count from `anchor`. */
  next(after: Date, anchor: Date): Date | undefined;
}

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
    throw invalid("one-time at(...) schedules are not declared as recurring schedules; use rate(...) or cron(...)");
  }
  throw invalid('expected "rate(value unit)" or "cron(minutes hours day-of-month month day-of-week year)"');
}

function parseRate(body: string): ScheduleTiming {
  const m = /^(\d+) (minute|hour|day)(s?)$/.exec(body);
  if (!m) throw invalid(`rate(${body}): expected "rate(value unit)" with unit minute(s), hour(s) or day(s)`);
  const value = Number(m[1]);
  if (value < 1) throw invalid(`rate(${body}): the value must be a positive integer`);
  // EventBridge rejects "rate(1 minutes)" and "rate(5 minute)".
  if ((value === 1) !== (m[3] === "")) {
    throw invalid(`rate(${body}): use the singular unit for 1 and the plural otherwise`);
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
    throw invalid(
      `cron(${body}): expected 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
    );
  }
  fields.forEach((f, i) => {
    const spec = cronFields[i];
    if (spec && !spec.chars.test(f)) throw invalid(`cron(${body}): invalid ${spec.name} field "${f}"`);
  });
  const [minutes, hours, dom = "", month, dow = "", year = ""] = fields;
  if ((dom === "?") === (dow === "?")) {
    throw invalid(`cron(${body}): exactly one of day-of-month and day-of-week must be "?"`);
  }
  checkDayOfWeek(body, dow);
  for (const y of year.match(/\d+/g) ?? []) {
    if (Number(y) < 1970 || Number(y) > 2199) throw invalid(`cron(${body}): year ${y} is outside 1970-2199`);
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
    throw invalid(`cron(${body}): ${e instanceof Error ? e.message : String(e)}`);
  }
  return { next: (after) => cron.nextRun(after) ?? undefined };
}

/** Weekdays are 1-7 (SUN-SAT) in EventBridge; "n#k" is the k-th weekday n of the month. */
function checkDayOfWeek(body: string, dow: string): void {
  for (const part of dow.split(",")) {
    const [day = "", nth] = part.split("#");
    if (nth !== undefined && !/^[1-5]$/.test(nth)) throw invalid(`cron(${body}): "${part}": k in n#k must be 1-5`);
    for (const n of day.replace(/L$/, "").split("-")) {
      if (/^\d+$/.test(n) && (Number(n) < 1 || Number(n) > 7)) {
        throw invalid(`cron(${body}): day-of-week ${n} is outside 1-7 (1 = Sunday)`);
      }
    }
  }
}

// EventBridge accepts years 1970-2199, so an expression with no run after the first instant of 1970
// has none at all (30 February, 31 April, a weekday that never falls on the given date...).
const epochStart = new Date(Date.UTC(1970, 0, 1) - 1);

/** Whether the expression fires at all, at any time EventBridge can schedule. */
export const firesEver = (timing: ScheduleTiming): boolean => timing.next(epochStart, epochStart) !== undefined;
