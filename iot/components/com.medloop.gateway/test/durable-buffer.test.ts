import { appendFileSync, readdirSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { type AppendEntry, type BufferLimits, DurableBuffer } from "../src/buffer/durable-buffer.ts";
import { tempDirs } from "./helpers.ts";

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const roomy: BufferLimits = { maxBytes: 1 << 20, alertReserveBytes: 1 << 16, segmentBytes: 4_096, retainAckedBytes: 0 };

/** A record of `size` payload bytes (117 on disk by default) whose text names its kind and sequence number. */
const entry = (critical: boolean, size = 92): AppendEntry => ({
  kind: critical ? 1 : 0,
  critical,
  encode: (seq) => Buffer.from(`${critical ? "alert" : "agg"}:${seq}:`.padEnd(size, "."), "utf8"),
});
const aggs = (n: number, size = 92) => Array.from({ length: n }, () => entry(false, size));
const alerts = (n: number, size = 92) => Array.from({ length: n }, () => entry(true, size));
const text = (b: DurableBuffer, after = 0) =>
  b.read(after, 10_000).map((r) => r.payload.toString().split(":").slice(0, 2).join(":"));
const segments = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".seg"))
    .sort();

describe("durable buffer", () => {
  it("numbers records across both lanes and reads them back merged in sequence order", () => {
    const b = DurableBuffer.open(dirs.make(), roomy);

    const { seqs } = b.append([entry(false), entry(true), entry(false), entry(true), entry(true)]);

    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect(text(b)).toEqual(["agg:1", "alert:2", "agg:3", "alert:4", "alert:5"]);
    expect(b.read(2, 2).map((r) => [r.seq, r.kind])).toEqual([
      [3, 0],
      [4, 1],
    ]);
    b.close();
  });

  it("continues a read where the previous one stopped, across segment files, while appends go on", () => {
    const dir = dirs.make();
    const b = DurableBuffer.open(dir, roomy);
    b.append(aggs(100));
    const seen: number[] = [];
    let after = 0;
    for (let round = 0; round < 30; round++) {
      for (const r of b.read(after, 7)) {
        seen.push(r.seq);
        after = r.seq;
      }
      if (round % 3 === 0) b.append([...aggs(5), ...alerts(1)]);
    }
    for (const r of b.read(after, 1_000)) seen.push(r.seq);

    expect(seen).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    expect(segments(dir).length).toBeGreaterThan(4);
    b.close();
  });

  it("survives a restart: pending records stay, the acknowledged ones are not sent again, the sequence continues", () => {
    const dir = dirs.make();
    const first = DurableBuffer.open(dir, roomy);
    first.append([...aggs(3), ...alerts(2)]);
    first.ack(2);
    first.checkpoint();
    first.close();

    const again = DurableBuffer.open(dir, roomy);
    const { seqs } = again.append(alerts(1));

    expect(again.ackedSeq).toBe(2);
    expect(text(again, again.ackedSeq)).toEqual(["agg:3", "alert:4", "alert:5", "alert:6"]);
    expect(seqs).toEqual([6]);
    expect(again.stats().pendingRecords).toBe(4);
    again.close();
  });

  it("never reuses a sequence number, even after every segment was acknowledged and deleted", () => {
    const dir = dirs.make();
    const b = DurableBuffer.open(dir, { ...roomy, segmentBytes: 1_024 });
    b.append(aggs(40));
    b.append(alerts(1));
    b.ack(41);
    b.checkpoint();
    b.close();
    const remaining = segments(dir);

    const again = DurableBuffer.open(dir, roomy);

    expect(remaining.length).toBeLessThanOrEqual(2);
    expect(again.append(aggs(1)).seqs).toEqual([42]);
    again.close();
  });

  it("cuts a torn record at the end of a segment (a crash mid-write) and keeps every whole one", () => {
    const dir = dirs.make();
    const b = DurableBuffer.open(dir, roomy);
    b.append(aggs(3));
    b.close();
    const file = join(dir, segments(dir)[0] as string);
    const whole = statSync(file).size;
    appendFileSync(file, Buffer.from([50, 0, 0, 0, 1, 2, 3]));

    const again = DurableBuffer.open(dir, roomy);

    expect(again.stats().recoveredCutBytes).toBe(7);
    expect(statSync(file).size).toBe(whole);
    expect(text(again)).toEqual(["agg:1", "agg:2", "agg:3"]);
    expect(again.append(aggs(1)).seqs).toEqual([4]);
    again.close();
  });

  it("stops at a record whose checksum fails", () => {
    const dir = dirs.make();
    const b = DurableBuffer.open(dir, roomy);
    b.append(aggs(3));
    b.close();
    const file = join(dir, segments(dir)[0] as string);
    truncateSync(file, statSync(file).size - 1);

    const again = DurableBuffer.open(dir, roomy);

    expect(text(again)).toEqual(["agg:1", "agg:2"]);
    again.close();
  });

  it("keeps acknowledged segments for replay requests up to the retention, then deletes the oldest", () => {
    const dir = dirs.make();
    const b = DurableBuffer.open(dir, { ...roomy, segmentBytes: 1_024, retainAckedBytes: 2_048 });
    b.append(aggs(50));
    const before = segments(dir).length;

    b.ack(50);
    b.checkpoint();

    const kept = segments(dir).length;
    expect(before).toBeGreaterThan(5);
    expect(kept).toBeLessThanOrEqual(4);
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(b.oldestSeq()).toBeGreaterThan(1);
    b.close();
  });
});

describe("durable buffer: a power loss between the lanes' syncs", () => {
  const sizeOf = (file: string) => statSync(file).size;
  const lane = (dir: string, name: string) => join(dir, segments(dir).find((f) => f.startsWith(name)) as string);

  it("finds an aggregate lost behind a surviving later alert and names its sequence numbers", () => {
    const dir = dirs.make();
    const b = DurableBuffer.open(dir, roomy);
    b.append([...aggs(3), ...alerts(1)]);
    const bulkBefore = sizeOf(lane(dir, "bulk"));
    b.append([entry(false), entry(false), entry(true)]);
    b.close();
    // The bulk file's last page never reached the disk; the alert written after it did.
    truncateSync(lane(dir, "bulk"), bulkBefore);

    const again = DurableBuffer.open(dir, roomy);

    expect(again.recoveredLost).toEqual([{ fromSeq: 5, toSeq: 6 }]);
    expect(text(again)).toEqual(["agg:1", "agg:2", "agg:3", "alert:4", "alert:7"]);
    expect(again.append(aggs(1)).seqs).toEqual([8]);
    again.close();
    const reopened = DurableBuffer.open(dir, roomy);
    expect(reopened.recoveredLost).toEqual([]);
    reopened.close();
  });

  it("finds an alert lost behind a surviving later aggregate", () => {
    const dir = dirs.make();
    const b = DurableBuffer.open(dir, roomy);
    b.append([...alerts(1), ...aggs(1)]);
    const criticalBefore = sizeOf(lane(dir, "critical"));
    b.append([...alerts(1), ...aggs(1)]);
    b.close();
    truncateSync(lane(dir, "critical"), criticalBefore);

    const reopened = DurableBuffer.open(dir, roomy);
    expect(reopened.recoveredLost).toEqual([{ fromSeq: 3, toSeq: 3 }]);
    reopened.close();
  });

  it("declares numbers handed out (the durable high-water mark) that neither lane holds any more", () => {
    const dir = dirs.make();
    const b = DurableBuffer.open(dir, roomy);
    b.append([...alerts(1), ...aggs(2)]);
    b.checkpoint();
    b.close();
    truncateSync(lane(dir, "bulk"), 0);

    const again = DurableBuffer.open(dir, roomy);

    expect(again.recoveredLost).toEqual([{ fromSeq: 2, toSeq: 3 }]);
    expect(again.append(alerts(1)).seqs).toEqual([4]);
    again.close();
  });

  it("still reads segments an earlier version wrote (17-byte headers, no back-reference)", () => {
    const dir = dirs.make();
    const legacy = (seq: number, kind: number, text: string) => {
      const payload = Buffer.from(text);
      const buf = Buffer.alloc(17 + payload.length);
      buf.writeUInt32LE(payload.length, 0);
      buf.writeDoubleLE(seq, 8);
      buf.writeUInt8(kind, 16);
      payload.copy(buf, 17);
      buf.writeUInt32LE(crc32(buf.subarray(8)), 4);
      return buf;
    };
    writeFileSync(
      join(dir, "bulk-0000000000000001.seg"),
      Buffer.concat([legacy(1, 0, "agg:1:"), legacy(3, 0, "agg:3:")]),
    );
    writeFileSync(join(dir, "critical-0000000000000002.seg"), legacy(2, 1, "alert:2:"));

    const b = DurableBuffer.open(dir, roomy);
    b.append([entry(false), entry(true)]);

    expect(b.recoveredLost).toEqual([]);
    expect(b.stats().recoveredCutBytes).toBe(0);
    expect(text(b)).toEqual(["agg:1", "alert:2", "agg:3", "agg:4", "alert:5"]);
    b.close();
    const again = DurableBuffer.open(dir, roomy);
    expect(text(again)).toEqual(["agg:1", "alert:2", "agg:3", "agg:4", "alert:5"]);
    again.close();
  });

  it("does not take segments deleted on purpose (acknowledged, or evicted when full) for a loss", () => {
    const dir = dirs.make();
    const b = DurableBuffer.open(dir, { ...roomy, segmentBytes: 1_024 });
    b.append([...aggs(30), ...alerts(1)]);
    b.ack(31);
    b.checkpoint();
    b.append([...alerts(1), ...aggs(1)]);
    b.close();

    const reopened = DurableBuffer.open(dir, roomy);
    expect(reopened.recoveredLost).toEqual([]);
    reopened.close();
  });
});

describe("durable buffer: the full policy", () => {
  // 16 KiB in all, of which 4 KiB only for alerts and state; 1 KiB segments; records of ~117 bytes.
  const tight: BufferLimits = { maxBytes: 16_384, alertReserveBytes: 4_096, segmentBytes: 1_024, retainAckedBytes: 0 };

  it("drops the oldest aggregates first, whole segments at a time, counts them, and keeps every alert", () => {
    const dir = dirs.make();
    const b = DurableBuffer.open(dir, tight);
    b.append(alerts(5));
    b.append(aggs(100));

    const { dropped } = b.append(aggs(50));
    const s = b.stats();
    const left = text(b);

    expect(dropped).toBeDefined();
    expect(dropped?.fromSeq).toBe(6);
    expect(s.droppedRecords).toBe(dropped?.records);
    expect(s.bytes).toBeLessThanOrEqual(tight.maxBytes);
    expect(left.filter((t) => t.startsWith("alert"))).toEqual(["alert:1", "alert:2", "alert:3", "alert:4", "alert:5"]);
    const aggSeqs = left.filter((t) => t.startsWith("agg")).map((t) => Number(t.split(":")[1]));
    // What is left of the aggregates is the newest, contiguous up to the last one written.
    expect(aggSeqs.at(-1)).toBe(155);
    expect(aggSeqs).toEqual(Array.from({ length: aggSeqs.length }, (_, i) => 156 - aggSeqs.length + i));
    expect(aggSeqs[0]).toBe((dropped?.toSeq ?? 0) + 1);
    expect(aggSeqs.length + (dropped?.records ?? 0)).toBe(150);
    b.close();
  });

  it("leaves the reserve to alerts: aggregates stop at maxBytes - alertReserveBytes", () => {
    const b = DurableBuffer.open(dirs.make(), tight);

    b.append(aggs(500));
    const afterAggs = b.stats().bytes;
    const { dropped } = b.append(alerts(30));

    expect(afterAggs).toBeLessThanOrEqual(tight.maxBytes - tight.alertReserveBytes);
    expect(dropped).toBeUndefined();
    expect(b.stats().bytes).toBeLessThanOrEqual(tight.maxBytes);
    b.close();
  });

  it("evicts aggregates for alerts when the reserve is used up, and goes over budget rather than drop an alert", () => {
    const b = DurableBuffer.open(dirs.make(), tight);
    b.append(aggs(100));

    const { dropped } = b.append(alerts(200));
    const s = b.stats();

    expect(dropped?.records).toBeGreaterThan(0);
    expect(text(b).filter((t) => t.startsWith("agg"))).toEqual([]);
    expect(text(b).filter((t) => t.startsWith("alert"))).toHaveLength(200);
    expect(s.overBudgetBytes).toBe(s.bytes - tight.maxBytes);
    expect(s.overBudgetBytes).toBeGreaterThan(0);
    b.close();
  });

  it("deletes acknowledged data before it drops anything unacknowledged", () => {
    const b = DurableBuffer.open(dirs.make(), { ...tight, retainAckedBytes: 1 << 20 });
    b.append(aggs(90));
    b.ack(90);
    b.checkpoint();

    const { dropped } = b.append(aggs(60));

    expect(dropped).toBeUndefined();
    expect(text(b, 90)).toHaveLength(60);
    b.close();
  });

  it("keeps the drop counters across a restart", () => {
    const dir = dirs.make();
    const b = DurableBuffer.open(dir, tight);
    b.append(aggs(200));
    const { droppedRecords, droppedBytes } = b.stats();
    b.close();

    const again = DurableBuffer.open(dir, tight);

    expect(droppedRecords).toBeGreaterThan(0);
    expect(again.stats()).toMatchObject({ droppedRecords, droppedBytes });
    again.close();
  });
});
