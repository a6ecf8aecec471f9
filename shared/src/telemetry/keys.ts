import { createHash } from "node:crypto";

/** Key parts of the telemetry items: UTC day buckets, sortable times, write shards. */

/** Alerts of a tenant and day spread over this many partitions. */
export const ALERT_SHARDS = 4;

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Epoch ms as 13 digits, so that string order is time order (until the year 2286). */
export const padMs = (ms: number) => String(ms).padStart(13, "0");

export const shardOf = (value: string, shards: number) =>
  String(createHash("sha256").update(value).digest().readUInt32BE(0) % shards);

/** The UTC days from `from` to `to`, inclusive. */
export function daysBetween(from: number, to: number): string[] {
  const days: string[] = [];
  for (let d = Date.UTC(...ymd(from)); d <= to; d += 86_400_000) days.push(dayOf(d));
  return days;
}

const ymd = (ms: number): [number, number, number] => {
  const d = new Date(ms);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
};
