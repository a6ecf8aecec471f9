import type { ScheduleDeclaration } from "@medloop/functions/declaration/types";
import { parseScheduleExpression, type ScheduleTiming } from "@medloop/shared/util/schedule-expression";

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

// setTimeout fires at once for delays above 2^31-1 ms (~24.8 days): longer waits are re-armed.
const maxTimerMs = 2 ** 31 - 1;

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
