import { describe, expect, it } from "vitest";
import { contiguousEnd, firstGap, GAP_GRACE_MS, nextReplayAt, REPLAY_RETRY_MAX_MS, REPLAY_RETRY_MS } from "./ledger.ts";

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

  it("asks for a gap's replay after its grace, then backs off exponentially up to a cap", () => {
    const seen = 1_000_000;
    expect(nextReplayAt({ gapSeenAt: seen })).toBe(seen + GAP_GRACE_MS);
    const at = seen + GAP_GRACE_MS;
    expect(nextReplayAt({ gapSeenAt: seen, replayRequestedAt: at, replayAttempts: 1 })).toBe(at + 2 * REPLAY_RETRY_MS);
    expect(nextReplayAt({ gapSeenAt: seen, replayRequestedAt: at, replayAttempts: 2 })).toBe(at + 4 * REPLAY_RETRY_MS);
    expect(nextReplayAt({ gapSeenAt: seen, replayRequestedAt: at, replayAttempts: 20 })).toBe(at + REPLAY_RETRY_MAX_MS);
  });

  it("stops waiting for a range the gateway declared lost in a power failure", () => {
    const view = { contiguousTo: 4, above: [7, 8], lost: [{ from: 5, to: 6, reason: "power-loss" }] };
    expect(contiguousEnd(view)).toBe(8);
    expect(firstGap(view)).toBeUndefined();
  });
});
