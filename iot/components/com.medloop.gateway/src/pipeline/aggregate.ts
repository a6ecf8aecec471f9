import type { DeviceType, SignalName } from "@medloop/shared/device/devices";
import type { DeviceAggregate, SignalAggregate } from "@medloop/shared/device/topics";
import type { Reading } from "./reading.ts";
import { round4 } from "./units.ts";

interface Acc {
  count: number;
  min: number;
  max: number;
  sum: number;
  last: number;
  lastTs: number;
}

interface DeviceWindow {
  device: string;
  type: DeviceType;
  subject: string | undefined;
  signals: Map<SignalName, Acc>;
}

export interface ClosedWindow {
  start: number;
  end: number;
  /** Sorted by device, then subject, so the output does not depend on arrival order. */
  devices: DeviceAggregate[];
}

/**
 * Tumbling windows over the readings' own timestamps: [k·size, (k+1)·size). A window closes when
 * the injected clock passes its end plus the grace period; readings for a closed window are then
 * refused as late (the cleaner asks `openFrom`). Per device, subject and signal it keeps
 * count/min/max/sum/last, so memory is one small record per signal, not the readings.
 */
export class WindowAggregator {
  private readonly windows = new Map<number, Map<string, DeviceWindow>>();
  private closedUpTo = 0;
  /** Nearly every reading falls into the newest window: skip the lookup for it. */
  private lastStart = Number.NaN;
  private lastWindow: Map<string, DeviceWindow> | undefined;

  constructor(
    private sizeMs: number,
    private graceMs: number,
  ) {}

  /** Readings older than this would land in a window already closed. */
  get openFrom(): number {
    return this.closedUpTo;
  }

  add(r: Reading, subject: string | undefined): void {
    const start = r.ts - (r.ts % this.sizeMs);
    let w = start === this.lastStart ? this.lastWindow : this.windows.get(start);
    if (!w) {
      w = new Map();
      this.windows.set(start, w);
    }
    this.lastStart = start;
    this.lastWindow = w;
    const key = subject === undefined ? r.device : `${r.device}\u0000${subject}`;
    let d = w.get(key);
    if (!d) {
      d = { device: r.device, type: r.type, subject, signals: new Map() };
      w.set(key, d);
    }
    for (const name in r.signals) {
      const v = r.signals[name as SignalName] as number;
      const acc = d.signals.get(name as SignalName);
      if (!acc) {
        d.signals.set(name as SignalName, { count: 1, min: v, max: v, sum: v, last: v, lastTs: r.ts });
        continue;
      }
      acc.count++;
      if (v < acc.min) acc.min = v;
      if (v > acc.max) acc.max = v;
      acc.sum += v;
      // Within the grace period readings may arrive out of order: "last" is the latest by time.
      if (r.ts >= acc.lastTs) {
        acc.last = v;
        acc.lastTs = r.ts;
      }
    }
  }

  /** Windows whose end + grace has passed, oldest first. */
  closeDue(now: number): ClosedWindow[] {
    const due = [...this.windows.keys()].filter((s) => s + this.sizeMs + this.graceMs <= now).sort((a, b) => a - b);
    const out = due.map((s) => this.close(s));
    // Also when no reading came in: a window with no data still may not be filled late.
    const boundary = now - this.graceMs - ((now - this.graceMs) % this.sizeMs);
    if (boundary > this.closedUpTo) this.closedUpTo = boundary;
    return out;
  }

  /** Closes every open window now (a configuration changed the window size, or the gateway stops). */
  closeAll(): ClosedWindow[] {
    const out = [...this.windows.keys()].sort((a, b) => a - b).map((s) => this.close(s));
    return out;
  }

  resize(sizeMs: number, graceMs: number): ClosedWindow[] {
    if (sizeMs === this.sizeMs && graceMs === this.graceMs) return [];
    const out = this.closeAll();
    this.sizeMs = sizeMs;
    this.graceMs = graceMs;
    return out;
  }

  private close(start: number): ClosedWindow {
    const w = this.windows.get(start) ?? new Map<string, DeviceWindow>();
    this.windows.delete(start);
    if (start === this.lastStart) this.lastWindow = undefined;
    this.lastStart = Number.NaN;
    const end = start + this.sizeMs;
    if (end > this.closedUpTo) this.closedUpTo = end;
    const devices: DeviceAggregate[] = [];
    for (const d of w.values()) {
      if (d.signals.size === 0) continue;
      const signals: Partial<Record<SignalName, SignalAggregate>> = {};
      for (const [name, a] of d.signals) {
        signals[name] = { count: a.count, min: a.min, max: a.max, mean: round4(a.sum / a.count), last: a.last };
      }
      devices.push({ device: d.device, type: d.type, ...(d.subject ? { subject: d.subject } : {}), signals });
    }
    devices.sort((a, b) =>
      a.device === b.device ? (a.subject ?? "").localeCompare(b.subject ?? "") : a.device < b.device ? -1 : 1,
    );
    return { start, end, devices };
  }
}
