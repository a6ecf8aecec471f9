import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { encodeFrame, type StoredRecord } from "./frame.ts";
import { type LostRange, lostBetweenLanes } from "./recovery.ts";
import { Lane, type LaneName, LaneReader, parseSegmentName, type Segment } from "./segment-lane.ts";

export interface BufferLimits {
  maxBytes: number;
  /** Part of maxBytes that aggregates may not use, kept for alerts and state. */
  alertReserveBytes: number;
  segmentBytes: number;
  /** Acknowledged data kept for replay requests, within maxBytes. */
  retainAckedBytes: number;
}

export interface AppendEntry {
  kind: number;
  /** Alerts, state and config acks: never dropped. Aggregates are not critical. */
  critical: boolean;
  /** The upstream payload, given the sequence number the buffer assigned. */
  encode: (seq: number) => Uint8Array;
}

export interface DropReport {
  records: number;
  bytes: number;
  fromSeq: number;
  toSeq: number;
}

export interface BufferStats {
  bytes: number;
  maxBytes: number;
  pendingRecords: number;
  droppedRecords: number;
  droppedBytes: number;
  overBudgetBytes: number;
  acked: number;
  lastSeq: number;
  /** Lowest sequence number still held (acknowledged or not). */
  oldestSeq: number | undefined;
  /** Bytes cut from torn or corrupt segment tails when the buffer was opened. */
  recoveredCutBytes: number;
}

export type { LostRange } from "./recovery.ts";

interface Meta {
  acked: number;
  /** No sequence number at or below this is ever handed out again. */
  highWater: number;
  droppedRecords: number;
  droppedBytes: number;
  /** Per lane, the last sequence number in a deleted segment: made durable before the delete. */
  deletedThrough: Record<LaneName, number>;
}

const metaFile = "buffer-state.json";

/**
 * The gateway's store-and-forward buffer: everything that goes upstream is appended here first,
 * with a sequence number that increases per gateway across restarts, and is published from here.
 *
 * Layout: two lanes of append-only segment files in one directory — `critical-<firstSeq>.seg`
 * (alerts, state, config acks) and `bulk-<firstSeq>.seg` (aggregates) — plus `buffer-state.json`
 * (acknowledged position, the sequence high-water mark and drop counters, replaced atomically).
 * Reading merges the lanes by sequence number, so replay is in the order things happened.
 *
 * Durability: a batch of appends is written, then fdatasync'd once per lane touched (and the
 * directory when a segment file was created); `append` returns only after that, and nothing is
 * readable for publishing before it. So a sequence number that went upstream is on disk, and is
 * never reused after a crash. The high-water mark is made durable before any segment is deleted.
 *
 * One write order across both lanes: every record carries the other lane's last sequence number
 * (frame.ts). A power loss in the middle of a batch can keep one lane's records and lose the
 * other's earlier ones; `open` finds such numbers from the survivors' back-references and lists them
 * in `recoveredLost`, which the gateway declares upstream as lost, so the cloud's ledger moves on.
 * Segments deleted on purpose are written down (`deletedThrough`) before the delete, so they are
 * never mistaken for a loss.
 *
 * Full policy, when an append would pass `maxBytes`:
 *   1. delete acknowledged segments, oldest first (replay retention is the first thing to give);
 *   2. then delete the oldest aggregate segments, unacknowledged ones included — oldest data goes
 *      first, whole segments at a time — and count what they held as dropped;
 *   3. aggregates may never use the last `alertReserveBytes`: an aggregate that still does not fit
 *      is itself dropped and counted;
 *   4. alerts and state are never dropped: with no aggregate left to evict they are written past
 *      `maxBytes`, and `overBudgetBytes` says by how much.
 * Every append that dropped anything returns a DropReport; the gateway sends it upstream as state.
 */
export class DurableBuffer {
  private readonly bulk: Lane;
  private readonly critical: Lane;
  private readonly readers: LaneReader[];
  private nextSeq: number;
  private acked: number;
  private persisted: Meta;
  private droppedRecords: number;
  private droppedBytes: number;
  private deletedThrough: Record<LaneName, number>;
  private dirChanged = false;
  /** Records lost in a power failure before this open, found from the other lane's back-references. */
  readonly recoveredLost: LostRange[];
  private constructor(
    private readonly dir: string,
    private limits: BufferLimits,
    private readonly recoveredCutBytes: number,
    meta: Meta,
    lanes: { bulk: Lane; critical: Lane },
  ) {
    this.bulk = lanes.bulk;
    this.critical = lanes.critical;
    this.readers = [new LaneReader(this.bulk), new LaneReader(this.critical)];
    const lastOnDisk = Math.max(this.bulk.segments.at(-1)?.lastSeq ?? 0, this.critical.segments.at(-1)?.lastSeq ?? 0);
    this.nextSeq = Math.max(lastOnDisk, meta.highWater, meta.acked) + 1;
    this.acked = Math.min(meta.acked, this.nextSeq - 1);
    this.persisted = meta;
    this.deletedThrough = { ...meta.deletedThrough };
    this.droppedRecords = meta.droppedRecords;
    this.droppedBytes = meta.droppedBytes;
    const onDisk = (lane: Lane, name: LaneName) => ({
      lastAccountedFor: Math.max(lane.lastSeq, meta.deletedThrough[name]),
      claimsOtherUpTo: lane.loadedOtherLast,
      seqs: () => lane.segments.flatMap((seg) => seg.seqs),
    });
    this.recoveredLost = lostBetweenLanes(
      onDisk(this.bulk, "bulk"),
      onDisk(this.critical, "critical"),
      this.acked,
      meta.highWater,
    );
    // Back-references of new records start from what each lane accounts for, lost numbers included.
    this.bulk.lastSeq = Math.max(this.bulk.lastSeq, meta.deletedThrough.bulk);
    this.critical.lastSeq = Math.max(this.critical.lastSeq, meta.deletedThrough.critical);
  }

  static open(dir: string, limits: BufferLimits): DurableBuffer {
    mkdirSync(dir, { recursive: true });
    let dirChanged = false;
    const onDir = () => {
      dirChanged = true;
    };
    const bulk = new Lane(dir, "bulk", limits.segmentBytes, onDir);
    const critical = new Lane(dir, "critical", limits.segmentBytes, onDir);
    const firstSeqs = { bulk: [] as number[], critical: [] as number[] };
    for (const name of readdirSync(dir)) {
      const seg = parseSegmentName(name);
      if (seg) firstSeqs[seg.lane].push(seg.firstSeq);
    }
    const cut = bulk.load(firstSeqs.bulk) + critical.load(firstSeqs.critical);
    const buffer = new DurableBuffer(dir, limits, cut, readMeta(dir), { bulk, critical });
    if (dirChanged) buffer.syncDir();
    return buffer;
  }

  setLimits(limits: BufferLimits): void {
    this.limits = limits;
    this.bulk.segmentBytes = limits.segmentBytes;
    this.critical.segmentBytes = limits.segmentBytes;
  }

  get ackedSeq(): number {
    return this.acked;
  }

  append(entries: readonly AppendEntry[]): { seqs: number[]; dropped: DropReport | undefined } {
    const seqs: number[] = [];
    let dropped: DropReport | undefined;
    const noteDrop = (records: number, bytes: number, fromSeq: number, toSeq: number) => {
      if (records === 0) return;
      dropped ??= { records: 0, bytes: 0, fromSeq, toSeq };
      dropped.records += records;
      dropped.bytes += bytes;
      dropped.fromSeq = Math.min(dropped.fromSeq, fromSeq);
      dropped.toSeq = Math.max(dropped.toSeq, toSeq);
    };
    const touched = new Set<Lane>();
    for (const e of entries) {
      const seq = this.nextSeq++;
      const lane = e.critical ? this.critical : this.bulk;
      const other = e.critical ? this.bulk : this.critical;
      const frame = encodeFrame(seq, other.lastSeq, e.kind, e.encode(seq));
      if (this.makeRoom(frame.length, e.critical, noteDrop)) {
        lane.append(frame, seq);
        touched.add(lane);
        seqs.push(seq);
      } else {
        noteDrop(1, frame.length, seq, seq);
      }
    }
    for (const lane of touched) lane.sync();
    this.syncDir();
    const d = dropped as DropReport | undefined;
    if (d) {
      this.droppedRecords += d.records;
      this.droppedBytes += d.bytes;
      this.writeMeta();
    }
    return { seqs, dropped: d };
  }

  /**
   * Up to `max` records after `afterSeq`, in sequence order. Sequential calls (each after the last
   * record of the previous one) continue where the previous read stopped.
   */
  read(afterSeq: number, max: number): StoredRecord[] {
    for (const r of this.readers) r.positionAfter(afterSeq);
    const [a, b] = this.readers as [LaneReader, LaneReader];
    const out: StoredRecord[] = [];
    while (out.length < max) {
      const x = a.head();
      const y = b.head();
      if (x && (!y || x.seq < y.seq)) {
        out.push(x);
        a.advance();
      } else if (y) {
        out.push(y);
        b.advance();
      } else {
        break;
      }
    }
    const last = out.at(-1);
    if (last) for (const r of this.readers) r.aligned = last.seq;
    return out;
  }

  /** Everything up to and including `seq` arrived upstream (cheap: called per acknowledgement). */
  ack(seq: number): void {
    const s = Math.min(seq, this.nextSeq - 1);
    if (s > this.acked) this.acked = s;
  }

  /**
   * Deletes acknowledged segments beyond the replay retention, oldest first, and persists the
   * acknowledged position. Called periodically: losing the position in a crash only means the
   * cloud sees some messages twice (it deduplicates on the sequence number).
   */
  checkpoint(): void {
    let retained = 0;
    const ackedSegments: Segment[] = [];
    for (const lane of [this.bulk, this.critical]) {
      for (const seg of lane.segments) {
        if (seg.lastSeq > this.acked || seg === lane.active) continue;
        retained += seg.bytes;
        ackedSegments.push(seg);
      }
    }
    ackedSegments.sort((x, y) => x.firstSeq - y.firstSeq);
    const deletions: Segment[] = [];
    for (const seg of ackedSegments) {
      if (retained <= this.limits.retainAckedBytes) break;
      retained -= seg.bytes;
      deletions.push(seg);
    }
    // One metadata write covers every delete of this checkpoint.
    for (const seg of deletions) this.noteDeletion(seg, this.laneOf(seg));
    for (const seg of deletions) this.deleteSegment(seg);
    this.syncDir();
    if (this.persisted.acked !== this.acked) this.writeMeta();
  }

  oldestSeq(): number | undefined {
    const a = this.bulk.segments[0]?.firstSeq;
    const b = this.critical.segments[0]?.firstSeq;
    return a === undefined ? b : b === undefined ? a : Math.min(a, b);
  }

  stats(): BufferStats {
    let pending = 0;
    for (const lane of [this.bulk, this.critical]) {
      for (const seg of lane.segments) {
        if (seg.lastSeq <= this.acked) continue;
        pending += seg.seqs.length - countAtOrBelow(seg.seqs, this.acked);
      }
    }
    const bytes = this.bulk.bytes + this.critical.bytes;
    return {
      bytes,
      maxBytes: this.limits.maxBytes,
      pendingRecords: pending,
      droppedRecords: this.droppedRecords,
      droppedBytes: this.droppedBytes,
      overBudgetBytes: Math.max(0, bytes - this.limits.maxBytes),
      acked: this.acked,
      lastSeq: this.nextSeq - 1,
      oldestSeq: this.oldestSeq(),
      recoveredCutBytes: this.recoveredCutBytes,
    };
  }

  close(): void {
    for (const r of this.readers) r.close();
    this.bulk.close();
    this.critical.close();
    this.writeMeta();
  }

  private makeRoom(
    size: number,
    critical: boolean,
    noteDrop: (records: number, bytes: number, fromSeq: number, toSeq: number) => void,
  ): boolean {
    const { maxBytes, alertReserveBytes } = this.limits;
    const fits = () =>
      this.bulk.bytes + this.critical.bytes + size <= maxBytes &&
      (critical || this.bulk.bytes + size <= maxBytes - alertReserveBytes);
    while (!fits()) {
      const acked = this.oldestAckedSegment();
      if (acked) {
        this.deleteSegment(acked.seg, acked.lane);
        continue;
      }
      const oldest = this.bulk.segments[0];
      if (oldest) {
        const ackedCount = countAtOrBelow(oldest.seqs, this.acked);
        const lost = oldest.seqs.length - ackedCount;
        noteDrop(lost, oldest.bytes, oldest.seqs[ackedCount] ?? oldest.lastSeq, oldest.lastSeq);
        this.deleteSegment(oldest, this.bulk);
        continue;
      }
      return critical;
    }
    return true;
  }

  private oldestAckedSegment(): { seg: Segment; lane: Lane } | undefined {
    let best: { seg: Segment; lane: Lane } | undefined;
    for (const lane of [this.bulk, this.critical]) {
      const seg = lane.segments[0];
      if (seg && seg.lastSeq <= this.acked && (!best || seg.firstSeq < best.seg.firstSeq)) best = { seg, lane };
    }
    return best;
  }

  private laneOf(seg: Segment): Lane {
    return this.bulk.segments.includes(seg) ? this.bulk : this.critical;
  }

  private noteDeletion(seg: Segment, lane: Lane): void {
    if (seg.lastSeq > this.deletedThrough[lane.name]) this.deletedThrough[lane.name] = seg.lastSeq;
  }

  private deleteSegment(seg: Segment, lane: Lane = this.laneOf(seg)): void {
    this.noteDeletion(seg, lane);
    // Made durable first, so that a restart never hands out a number that is no longer on disk,
    // and never takes a deleted segment for records lost in a power failure.
    if (seg.lastSeq > this.persisted.highWater || seg.lastSeq > this.persisted.deletedThrough[lane.name]) {
      this.writeMeta();
    }
    lane.delete(seg);
    this.dirChanged = true;
  }

  private writeMeta(): void {
    const meta: Meta = {
      acked: this.acked,
      highWater: this.nextSeq - 1,
      droppedRecords: this.droppedRecords,
      droppedBytes: this.droppedBytes,
      deletedThrough: { ...this.deletedThrough },
    };
    const tmp = join(this.dir, `${metaFile}.tmp`);
    writeFileSync(tmp, JSON.stringify(meta));
    const fd = openSync(tmp, "r");
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(this.dir, metaFile));
    this.dirChanged = true;
    this.syncDir();
    this.persisted = meta;
  }

  private syncDir(): void {
    if (!this.dirChanged) return;
    const fd = openSync(this.dir, "r");
    fsyncSync(fd);
    closeSync(fd);
    this.dirChanged = false;
  }
}

function readMeta(dir: string): Meta {
  const empty: Meta = {
    acked: 0,
    highWater: 0,
    droppedRecords: 0,
    droppedBytes: 0,
    deletedThrough: { bulk: 0, critical: 0 },
  };
  let text: string;
  try {
    text = readFileSync(join(dir, metaFile), "utf8");
  } catch {
    return empty;
  }
  // Written atomically, so a bad file is tampering or disk damage: the segments still tell the sequence.
  try {
    const m = JSON.parse(text) as Partial<Meta>;
    const n = (v: unknown) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : 0);
    return {
      acked: n(m.acked),
      highWater: n(m.highWater),
      droppedRecords: n(m.droppedRecords),
      droppedBytes: n(m.droppedBytes),
      deletedThrough: { bulk: n(m.deletedThrough?.bulk), critical: n(m.deletedThrough?.critical) },
    };
  } catch {
    return empty;
  }
}

/** How many of the ascending `seqs` are ≤ `seq` (binary search). */
function countAtOrBelow(seqs: readonly number[], seq: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((seqs[mid] as number) <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
