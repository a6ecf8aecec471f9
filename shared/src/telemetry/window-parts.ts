/**
 * One device's window can arrive in parts: a gateway that stops inside a window (a Greengrass
 * restart sends SIGTERM) sends what it has so far, and after the restart the rest of the same window
 * as another aggregate. The cloud keeps every part under the gateway sequence number that carried it
 * and serves their merge, so no sample is lost to a replace and a redelivered part is not counted twice.
 */

export interface SignalStats {
  count: number;
  min: number;
  max: number;
  mean: number;
  last: number;
}

/** signal → statistics of one part. */
export type Part = Record<string, SignalStats>;
/** Parts of one window by the sequence number of the message that carried them. */
export type Parts = Record<string, Part>;

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/** Adds a part; the same sequence number again leaves the parts as they are (a redelivery). */
export function withPart(parts: Parts, seq: number, part: Part): { parts: Parts; changed: boolean } {
  if (parts[String(seq)]) return { parts, changed: false };
  return { parts: { ...parts, [String(seq)]: part }, changed: true };
}

/**
 * Counts and sums add up, min and max take the extremes, the mean is weighted by count. "last" is
 * the part with the highest sequence number's: parts of a window are sent in the order the gateway
 * closed them, so the later part holds the later readings.
 */
export function mergeParts(parts: Parts): Part {
  const bySeq = Object.entries(parts).sort(([a], [b]) => Number(a) - Number(b));
  const acc: Record<string, { count: number; min: number; max: number; sum: number; last: number }> = {};
  for (const [, part] of bySeq) {
    for (const [signal, s] of Object.entries(part)) {
      const a = acc[signal];
      if (!a) {
        acc[signal] = { count: s.count, min: s.min, max: s.max, sum: s.mean * s.count, last: s.last };
        continue;
      }
      a.count += s.count;
      a.min = Math.min(a.min, s.min);
      a.max = Math.max(a.max, s.max);
      a.sum += s.mean * s.count;
      a.last = s.last;
    }
  }
  const out: Part = {};
  for (const [signal, a] of Object.entries(acc)) {
    out[signal] = { count: a.count, min: a.min, max: a.max, mean: round4(a.sum / a.count), last: a.last };
  }
  return out;
}
