import { describe, expect, it } from "vitest";
import { withActor, withScope } from "../tenant/context.ts";
import { fixedClock, manualClock, nowIso, parseOffset, setClockOffset, systemClock } from "./clock.ts";
import { code, randomIds, sequentialIds, uuid } from "./ids.ts";

const actor = { type: "system" as const, tenantId: "t", name: "test" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("clock port", () => {
  it("reads the scope's clock, through nested actors too, and the system clock outside any scope", () => {
    const clock = manualClock("2031-03-01T09:00:00.000Z");
    withScope({ actor, clock }, () => {
      expect(nowIso()).toBe("2031-03-01T09:00:00.000Z");
      clock.advance(3 * 86_400_000);
      withActor({ ...actor, name: "nested" }, () => expect(nowIso()).toBe("2031-03-04T09:00:00.000Z"));
    });
    const before = Date.now();
    expect(Date.parse(nowIso())).toBeGreaterThanOrEqual(before);
  });

  it("stands still when fixed", () => {
    withScope({ actor, clock: fixedClock("2030-06-30T23:59:59.000Z") }, () => {
      expect(nowIso()).toBe("2030-06-30T23:59:59.000Z");
    });
  });

  it("moves the system clock by the local platform's offset", () => {
    setClockOffset(parseOffset("+3d"));
    try {
      expect(systemClock.now().getTime() - Date.now()).toBeGreaterThan(3 * 86_400_000 - 1_000);
    } finally {
      setClockOffset(0);
    }
  });

  it("parses offsets in days, hours, minutes, seconds or milliseconds", () => {
    expect(parseOffset("+3d")).toBe(3 * 86_400_000);
    expect(parseOffset("-12h")).toBe(-12 * 3_600_000);
    expect(parseOffset("90m")).toBe(90 * 60_000);
    expect(parseOffset("1500")).toBe(1500);
    expect(() => parseOffset("3 days")).toThrow(/Not a clock offset/);
  });
});

describe("ids port", () => {
  it("mints the scope's sequence as valid UUIDs and codes, and random ones outside", () => {
    withScope({ actor, ids: sequentialIds("c10c") }, () => {
      expect([uuid(), uuid()]).toEqual([
        "0000c10c-0000-4000-8000-000000000001",
        "0000c10c-0000-4000-8000-000000000002",
      ]);
      expect(code(6)).toBe("000003");
    });
    expect(uuid()).toMatch(UUID);
    expect(sequentialIds().uuid()).toMatch(UUID);
    expect(randomIds.code(6)).toMatch(/^[0-9A-F]{6}$/);
  });
});
