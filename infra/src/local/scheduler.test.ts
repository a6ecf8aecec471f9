import type { ScheduleDeclaration } from "@medloop/functions/declaration/types";
import { parseScheduleExpression } from "@medloop/shared/util/schedule-expression";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createScheduler } from "./scheduler.ts";

// Wednesday 15 January 2025, 10:17:30 UTC.
const fixedNow = new Date("2025-01-15T10:17:30Z");

const schedule = (name: string, expression: string): ScheduleDeclaration => ({
  name,
  handler: `schedules/${name}`,
  expression,
  description: name,
});

function nextRunOf(expression: string): string | undefined {
  const scheduler = createScheduler({
    schedules: [schedule("job", expression)],
    invoke: async () => undefined,
    now: () => fixedNow,
  });
  return scheduler.next("job")?.toISOString();
}

/** A promise the test settles itself, to hold an invocation open. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("schedule expressions (EventBridge Scheduler syntax, UTC)", () => {
  it.each([
    ["cron(0 2 * * ? *)", "2025-01-16T02:00:00.000Z"],
    ["cron(0/15 * * * ? *)", "2025-01-15T10:30:00.000Z"],
    ["cron(5/10 * * * ? *)", "2025-01-15T10:25:00.000Z"],
    ["cron(0 9 ? * MON-FRI *)", "2025-01-16T09:00:00.000Z"],
    ["cron(0 12 ? * 1 *)", "2025-01-19T12:00:00.000Z"], // 1 is Sunday in EventBridge
    ["cron(0 12 ? * 7 *)", "2025-01-18T12:00:00.000Z"], // 7 is Saturday
    ["cron(0 8 ? * 2#1 *)", "2025-02-03T08:00:00.000Z"], // first Monday of the month
    ["cron(0 0 L * ? *)", "2025-01-31T00:00:00.000Z"],
    ["cron(0 6 15W * ? *)", "2025-02-14T06:00:00.000Z"], // 15 February 2025 is a Saturday
    ["cron(30 4 1 JAN,JUL ? 2026-2027)", "2026-01-01T04:30:00.000Z"],
    ["rate(5 minutes)", "2025-01-15T10:22:30.000Z"],
    ["rate(1 hour)", "2025-01-15T11:17:30.000Z"],
    ["rate(1 day)", "2025-01-16T10:17:30.000Z"],
  ])("%s runs next at %s", (expression, expected) => {
    expect(nextRunOf(expression)).toBe(expected);
  });

  it("has no next run when the year range is over", () => {
    expect(nextRunOf("cron(0 0 1 1 ? 2024)")).toBeUndefined();
  });

  it("counts rate schedules from the start, not from each call", () => {
    const timing = parseScheduleExpression("rate(10 minutes)");
    const anchor = new Date("2025-01-15T10:00:00Z");

    expect(timing.next(new Date("2025-01-15T10:00:00Z"), anchor)?.toISOString()).toBe("2025-01-15T10:10:00.000Z");
    expect(timing.next(new Date("2025-01-15T10:25:00Z"), anchor)?.toISOString()).toBe("2025-01-15T10:30:00.000Z");
    expect(timing.next(new Date("2025-01-15T10:30:00Z"), anchor)?.toISOString()).toBe("2025-01-15T10:40:00.000Z");
  });

  it.each([
    ["cron(0 2 * * * *)", /exactly one of day-of-month and day-of-week must be "\?"/],
    ["cron(0 2 ? * ? *)", /exactly one of day-of-month and day-of-week/],
    ["cron(0 2 * * ?)", /expected 6 fields/],
    ["cron(61 * * * ? *)", /minute/i],
    ["cron(0 0 ? * 0 *)", /day-of-week 0 is outside 1-7/],
    ["cron(0 0 ? * 3#6 *)", /k in n#k must be 1-5/],
    ["cron(0 0 1 * ? 1900)", /year 1900 is outside 1970-2199/],
    ["cron(0 0 1 * ? * extra)", /expected 6 fields/],
    ["cron(0 0 1 % ? *)", /invalid month field/],
    ["rate(0 minutes)", /positive integer/],
    ["rate(5 minute)", /singular unit for 1 and the plural otherwise/],
    ["rate(1 days)", /singular unit for 1/],
    ["rate(5 seconds)", /unit minute\(s\), hour\(s\) or day\(s\)/],
    ["at(2025-01-01T00:00:00)", /one-time at/],
    ["every day", /expected "rate\(value unit\)" or "cron/],
  ])("rejects %s with the schedule's name and the reason", (expression, reason) => {
    const create = () =>
      createScheduler({ schedules: [schedule("nightly-kpis", expression)], invoke: async () => undefined });

    expect(create).toThrow(`Schedule "nightly-kpis" has an invalid expression "${expression}"`);
    expect(create).toThrow(reason);
  });

  it("rejects a name declared twice", () => {
    expect(() =>
      createScheduler({
        schedules: [schedule("a", "rate(1 day)"), schedule("a", "rate(2 days)")],
        invoke: async () => undefined,
      }),
    ).toThrow('Schedule "a" is declared twice.');
  });
});

describe("scheduler", () => {
  it("runNow invokes the declared schedule, and names the known ones for an unknown name", async () => {
    const invoked: ScheduleDeclaration[] = [];
    const nightly = schedule("nightly", "cron(0 2 * * ? *)");
    const scheduler = createScheduler({
      schedules: [nightly],
      invoke: async (s) => {
        invoked.push(s);
      },
    });

    await scheduler.runNow("nightly");

    expect(invoked).toEqual([nightly]);
    await expect(scheduler.runNow("hourly")).rejects.toThrow('No schedule named "hourly". Declared: nightly.');
  });

  it("logs a failing invocation, hands the error to runNow's caller, and keeps working", async () => {
    const logs: Record<string, unknown>[] = [];
    let calls = 0;
    const scheduler = createScheduler({
      schedules: [schedule("flaky", "rate(1 hour)")],
      invoke: async () => {
        calls++;
        if (calls === 1) throw new Error("table not found");
      },
      log: (m) => logs.push(m),
    });

    await expect(scheduler.runNow("flaky")).rejects.toThrow("table not found");
    await scheduler.runNow("flaky");

    expect(calls).toBe(2);
    expect(logs).toContainEqual({
      msg: "schedule failed",
      schedule: "flaky",
      handler: "schedules/flaky",
      error: "Error: table not found",
    });
  });

  it("does not start an invocation while the previous one is still running", async () => {
    const logs: Record<string, unknown>[] = [];
    const gate = deferred();
    let calls = 0;
    const scheduler = createScheduler({
      schedules: [schedule("slow", "rate(1 day)")],
      invoke: async () => {
        calls++;
        await gate.promise;
      },
      log: (m) => logs.push(m),
    });

    const first = scheduler.runNow("slow");
    const second = scheduler.runNow("slow");
    gate.resolve();
    await Promise.all([first, second]);
    await scheduler.runNow("slow");

    expect(calls).toBe(2);
    expect(logs).toContainEqual({ msg: "schedule skipped: previous invocation still running", schedule: "slow" });
  });

  it("fires on its timers, survives a failing run, and never overlaps a slow one", async () => {
    vi.useFakeTimers({ now: new Date("2025-01-15T10:00:00Z") });
    const logs: Record<string, unknown>[] = [];
    const gate = deferred();
    const runs: string[] = [];
    const scheduler = createScheduler({
      schedules: [schedule("every-5", "rate(5 minutes)"), schedule("at-10-30", "cron(30 10 * * ? *)")],
      invoke: async (s) => {
        runs.push(`${s.name}@${new Date().toISOString().slice(11, 19)}`);
        if (s.name === "every-5" && runs.length === 1) throw new Error("first run fails");
        if (s.name === "every-5" && runs.length === 2) await gate.promise;
      },
      log: (m) => logs.push(m),
    });
    scheduler.start();

    await vi.advanceTimersByTimeAsync(20 * 60_000);
    gate.resolve();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);

    expect(runs).toEqual([
      "every-5@10:05:00",
      "every-5@10:10:00",
      "every-5@10:25:00",
      "at-10-30@10:30:00",
      "every-5@10:30:00",
    ]);
    expect(logs.filter((l) => l.msg === "schedule failed").map((l) => [l.schedule, l.error])).toEqual([
      ["every-5", "Error: first run fails"],
    ]);
    expect(logs.filter((l) => l.msg === "schedule skipped: previous invocation still running")).toHaveLength(2);
  });

  it("waits out delays longer than a timer can hold (a yearly job)", async () => {
    vi.useFakeTimers({ now: new Date("2025-01-15T10:00:00Z") });
    const runs: string[] = [];
    const scheduler = createScheduler({
      schedules: [schedule("new-year", "cron(0 0 1 1 ? *)")],
      invoke: async () => {
        runs.push(new Date().toISOString());
      },
    });
    scheduler.start();

    await vi.advanceTimersByTimeAsync(300 * 86_400_000);
    const beforeNewYear = [...runs];
    await vi.advanceTimersByTimeAsync(60 * 86_400_000);
    await scheduler.stop();

    expect(beforeNewYear).toEqual([]);
    expect(runs).toEqual(["2026-01-01T00:00:00.000Z"]);
  });
});
