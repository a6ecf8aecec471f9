import { describe, expect, it } from "vitest";
import { contiguousEnd, firstGap } from "./ledger.ts";

describe("the received-sequence ledger", () => {
  it("runs on through arrivals and through ranges the gateway reported lost", () => {
    expect(contiguousEnd({ contiguousTo: 0, above: [1, 2, 3, 5], lost: [] })).toBe(3);
    expect(contiguousEnd({ contiguousTo: 3, above: [5, 9], lost: [{ from: 4, to: 4, reason: "buffer-full" }] })).toBe(
      5,
    );
    expect(contiguousEnd({ contiguousTo: 10, above: [], lost: [{ from: 2, to: 5, reason: "buffer-full" }] })).toBe(10);
  });

  it("names the first gap, up to the next thing held, and none when everything is contiguous", () => {
    expect(firstGap({ contiguousTo: 3, above: [7, 9], lost: [] })).toEqual({ from: 4, to: 6 });
    expect(firstGap({ contiguousTo: 3, above: [9], lost: [{ from: 6, to: 8, reason: "beyond-retention" }] })).toEqual({
      from: 4,
      to: 5,
    });
    expect(firstGap({ contiguousTo: 3, above: [1, 2], lost: [] })).toBeUndefined();
  });
});
