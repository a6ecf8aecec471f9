import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCalendarDays, addWorkDays, dueAt, periodOf, stageAt, warnAt } from "./clocks.ts";

const at = (iso: string) => new Date(iso);
const none = { remedialAction: false, publicHealthThreat: false, deathOrSeriousDeterioration: false };
// 2026-12-11 is a Friday.
const friday = at("2026-12-11T10:00:00.000Z");

describe("work days", () => {
  it("skip the weekend: Friday + 1 is Monday, Friday + 5 the next Friday", () => {
    expect(addWorkDays(friday, 1).toISOString()).toBe("2026-12-14T10:00:00.000Z");
    expect(addWorkDays(friday, 5).toISOString()).toBe("2026-12-18T10:00:00.000Z");
  });

  it("count from a weekend day as from the Friday before it: Saturday + 1 is Monday", () => {
    expect(addWorkDays(at("2026-12-12T09:00:00Z"), 1).toISOString()).toBe("2026-12-14T09:00:00.000Z");
    expect(addWorkDays(at("2026-12-13T09:00:00Z"), 5).toISOString()).toBe("2026-12-18T09:00:00.000Z");
  });

  it("go back over a weekend too: Monday - 1 is Friday", () => {
    expect(addWorkDays(at("2026-12-14T10:00:00Z"), -1).toISOString()).toBe(friday.toISOString());
  });

  it("always land on a weekday, n work days ahead, and never more than n + 2 per started week", () => {
    fc.assert(
      fc.property(
        fc.date({ min: at("2000-01-01"), max: at("2100-01-01"), noInvalidDate: true }),
        fc.nat(60),
        (d, n) => {
          const due = addWorkDays(d, n);
          if (n > 0) expect([0, 6]).not.toContain(due.getUTCDay());
          let weekdays = 0;
          for (let x = addCalendarDays(d, 1); x <= due; x = addCalendarDays(x, 1)) {
            if (x.getUTCDay() !== 0 && x.getUTCDay() !== 6) weekdays++;
          }
          expect(weekdays).toBe(n);
          expect(due.getUTCHours()).toBe(d.getUTCHours());
        },
      ),
    );
  });

  it("are undone by the same number back from a weekday", () => {
    fc.assert(
      fc.property(
        fc.date({ min: at("2000-01-01"), max: at("2100-01-01"), noInvalidDate: true }),
        fc.nat(60),
        (d, n) => {
          fc.pre(d.getUTCDay() !== 0 && d.getUTCDay() !== 6);
          expect(addWorkDays(addWorkDays(d, n), -n).getTime()).toBe(d.getTime());
        },
      ),
    );
  });
});

describe("calendar days", () => {
  it("keep the time of day and ignore weekends", () => {
    expect(addCalendarDays(friday, 30).toISOString()).toBe("2027-01-10T10:00:00.000Z");
  });
});

describe("each regime's period and due date", () => {
  const due = (regime: "fda-mdr" | "eu-mdr", facts = none) => dueAt(friday, periodOf(regime, facts)).toISOString();

  it("FDA MDR: 30 calendar days, or 5 work days when remedial action is needed", () => {
    expect(periodOf("fda-mdr", none)).toEqual({ days: 30, unit: "calendar" });
    expect(due("fda-mdr")).toBe("2027-01-10T10:00:00.000Z");
    expect(periodOf("fda-mdr", { ...none, remedialAction: true })).toEqual({ days: 5, unit: "work" });
    expect(due("fda-mdr", { ...none, remedialAction: true })).toBe("2026-12-18T10:00:00.000Z");
  });

  it("EU MDR: 15 days, 10 for death or serious deterioration, 2 for a serious public-health threat", () => {
    expect(due("eu-mdr")).toBe("2026-12-26T10:00:00.000Z");
    expect(due("eu-mdr", { ...none, deathOrSeriousDeterioration: true })).toBe("2026-12-21T10:00:00.000Z");
    expect(due("eu-mdr", { ...none, publicHealthThreat: true, deathOrSeriousDeterioration: true })).toBe(
      "2026-12-13T10:00:00.000Z",
    );
  });

  it("remedial action does not shorten the EU clock, nor EU facts the FDA one", () => {
    expect(due("eu-mdr", { ...none, remedialAction: true })).toBe(due("eu-mdr"));
    expect(due("fda-mdr", { ...none, publicHealthThreat: true })).toBe(due("fda-mdr"));
  });
});

describe("a clock's stage", () => {
  const work = { days: 5, unit: "work" } as const;
  const due = dueAt(friday, work);

  it("warns 2 work days before a work-day clock runs out: over the weekend it is still running", () => {
    expect(warnAt(due, work).toISOString()).toBe("2026-12-16T10:00:00.000Z");
    expect(stageAt(at("2026-12-14T10:00:00Z"), due, work)).toBe(0);
    expect(stageAt(at("2026-12-16T10:00:00Z"), due, work)).toBe(1);
    expect(stageAt(due, due, work)).toBe(2);
  });

  it("warns in the last quarter of a calendar clock, rounded up to whole days", () => {
    const cases = [
      [30, 8],
      [15, 4],
      [10, 3],
      [2, 1],
    ] as const;
    for (const [days, before] of cases) {
      const period = { days, unit: "calendar" } as const;
      const d = dueAt(friday, period);
      expect(d.getTime() - warnAt(d, period).getTime()).toBe(before * 86_400_000);
    }
  });
});
