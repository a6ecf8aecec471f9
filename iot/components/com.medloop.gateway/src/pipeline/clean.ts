import { SIGNALS, type SignalName } from "@medloop/shared/device/devices";
import type { Reading, Rejection } from "./reading.ts";
import { reject } from "./reading.ts";

export interface CleanLimits {
  maxFutureSkewMs: number;
  maxAgeMs: number;
  dedupeWindow: number;
}

/**
 * Per-device memory of recently seen message counters, as a bitmap over the last `size` values:
 * a resent reading (same device and counter) is a duplicate; a counter far below the highest
 * one with a newer timestamp is a device that restarted and began counting again.
 */
class SeqWindow {
  private highest = -1;
  private lastTs = -Infinity;
  private readonly bits: Uint8Array;

  constructor(private readonly size: number) {
    this.bits = new Uint8Array(size);
  }

  /** Records the counter; false if it was already seen. */
  admit(seq: number, ts: number): boolean {
    const size = this.size;
    if (seq > this.highest) {
      if (seq - this.highest >= size) this.bits.fill(0);
      else for (let s = this.highest + 1; s < seq; s++) this.bits[s % size] = 0;
      this.bits[seq % size] = 1;
      this.highest = seq;
    } else if (seq > this.highest - size) {
      if (this.bits[seq % size] === 1) return false;
      this.bits[seq % size] = 1;
    } else if (ts > this.lastTs) {
      this.bits.fill(0);
      this.bits[seq % size] = 1;
      this.highest = seq;
    } else {
      return false;
    }
    if (ts > this.lastTs) this.lastTs = ts;
    return true;
  }
}

/**
 * Validation that needs time or history: timestamps in the future or too old, readings for a
 * window already sent, resent readings; and value ranges, where one implausible signal is removed
 * (and counted) but the rest of the reading is kept.
 */
export class Cleaner {
  private readonly seen = new Map<string, SeqWindow>();

  constructor(private limits: CleanLimits) {}

  reconfigure(limits: CleanLimits, devices: ReadonlySet<string>): void {
    if (limits.dedupeWindow !== this.limits.dedupeWindow) this.seen.clear();
    for (const id of this.seen.keys()) if (!devices.has(id)) this.seen.delete(id);
    this.limits = limits;
  }

  /** `windowOpenFrom`: readings older than this belong to a window already closed and sent. */
  check(r: Reading, now: number, windowOpenFrom: number, dropped: (field: string) => void): Rejection | undefined {
    if (r.ts > now + this.limits.maxFutureSkewMs) {
      return reject("future-timestamp", `${r.ts - now} ms ahead of the gateway clock`);
    }
    if (r.ts < now - this.limits.maxAgeMs) return reject("stale-timestamp", `${now - r.ts} ms old`);
    if (r.ts < windowOpenFrom) return reject("late-for-window", "its window was already closed and sent");
    let w = this.seen.get(r.device);
    if (!w) {
      w = new SeqWindow(this.limits.dedupeWindow);
      this.seen.set(r.device, w);
    }
    if (!w.admit(r.seq, r.ts)) return reject("duplicate", `${r.device} #${r.seq} was already received`);
    let kept = 0;
    for (const name in r.signals) {
      const v = r.signals[name as SignalName] as number;
      const spec = SIGNALS[name as SignalName];
      if (v < spec.min || v > spec.max) {
        delete r.signals[name as SignalName];
        dropped(`out-of-range:${name}`);
      } else {
        kept++;
      }
    }
    if (kept === 0 && r.alarms.length === 0 && Object.keys(r.attributes).length === 0) {
      return reject("no-valid-data", "no signal in range, no alarm and no attribute");
    }
    return undefined;
  }
}
