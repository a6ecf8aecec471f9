import {
  closeSync,
  fdatasyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { decodeFrame, type StoredRecord } from "./frame.ts";

export type LaneName = "bulk" | "critical";

export interface Segment {
  firstSeq: number;
  lastSeq: number;
  /** Sequence numbers held, ascending: what an eviction drops is counted from these. */
  seqs: number[];
  bytes: number;
  path: string;
}

const segmentFile = /^(bulk|critical)-(\d{16})\.seg$/;
export const parseSegmentName = (name: string) => {
  const m = segmentFile.exec(name);
  return m ? { lane: m[1] as LaneName, firstSeq: Number(m[2]) } : undefined;
};

/**
 * An append-only log of records in segment files named by their first sequence number. Only the
 * newest segment is written; older ones are only read and, whole, deleted. Callers sync after a
 * batch of appends (one fdatasync per batch, not per record).
 */
export class Lane {
  readonly segments: Segment[] = [];
  /** Bumped whenever a segment is deleted, so readers know to find their place again. */
  generation = 0;
  bytes = 0;
  /** The last sequence number appended, kept when its segment is deleted: the other lane's back-reference. */
  lastSeq = 0;
  /** The back-reference of the last record found on disk when loaded. */
  loadedOtherLast = 0;
  private fd: number | undefined;
  private dirty = false;

  constructor(
    private readonly dir: string,
    readonly name: LaneName,
    public segmentBytes: number,
    /** A file was created or deleted: the directory needs an fsync. */
    private readonly onDirectoryChange: () => void,
  ) {}

  /**
   * Re-reads existing segments after a restart. A torn or corrupt tail (a crash mid-write) is cut
   * off at the last whole record; returns the bytes cut.
   */
  load(firstSeqs: number[]): number {
    let cut = 0;
    let lastSeq = 0;
    for (const firstSeq of [...firstSeqs].sort((a, b) => a - b)) {
      const path = join(this.dir, `${this.name}-${String(firstSeq).padStart(16, "0")}.seg`);
      const data = readFileSync(path);
      const seqs: number[] = [];
      let offset = 0;
      for (;;) {
        const f = decodeFrame(data, offset);
        if (f.status !== "ok" || f.record.seq <= lastSeq) break;
        seqs.push(f.record.seq);
        lastSeq = f.record.seq;
        this.loadedOtherLast = f.record.otherLast;
        offset += f.size;
      }
      if (offset < data.length) {
        cut += data.length - offset;
        const fd = openSync(path, "r+");
        ftruncateSync(fd, offset);
        fdatasyncSync(fd);
        closeSync(fd);
      }
      if (seqs.length === 0) {
        unlinkSync(path);
        this.onDirectoryChange();
        continue;
      }
      this.segments.push({ firstSeq: seqs[0] as number, lastSeq, seqs, bytes: offset, path });
      this.bytes += offset;
    }
    const last = this.segments.at(-1);
    if (last) this.fd = openSync(last.path, "a");
    this.lastSeq = lastSeq;
    return cut;
  }

  /** The segment being written, if any. */
  get active(): Segment | undefined {
    return this.fd === undefined ? undefined : this.segments.at(-1);
  }

  append(frame: Buffer, seq: number): void {
    let seg = this.active;
    if (seg && seg.bytes + frame.length > this.segmentBytes) {
      this.seal();
      seg = undefined;
    }
    if (!seg) {
      const path = join(this.dir, `${this.name}-${String(seq).padStart(16, "0")}.seg`);
      this.fd = openSync(path, "a");
      seg = { firstSeq: seq, lastSeq: seq, seqs: [], bytes: 0, path };
      this.segments.push(seg);
      this.onDirectoryChange();
    }
    writeSync(this.fd as number, frame);
    seg.bytes += frame.length;
    seg.lastSeq = seq;
    seg.seqs.push(seq);
    this.lastSeq = seq;
    this.bytes += frame.length;
    this.dirty = true;
  }

  sync(): void {
    if (this.dirty && this.fd !== undefined) fdatasyncSync(this.fd);
    this.dirty = false;
  }

  /** Closes the active segment; the next append starts a new one. */
  seal(): void {
    if (this.fd === undefined) return;
    this.sync();
    closeSync(this.fd);
    this.fd = undefined;
  }

  delete(seg: Segment): void {
    if (seg === this.active) this.seal();
    const i = this.segments.indexOf(seg);
    if (i < 0) return;
    this.segments.splice(i, 1);
    unlinkSync(seg.path);
    this.bytes -= seg.bytes;
    this.generation++;
    this.onDirectoryChange();
  }

  close(): void {
    this.seal();
  }
}

const chunkBytes = 256 * 1024;

/**
 * Reads a lane in sequence order from a position, a chunk at a time. It stays aligned while the
 * caller keeps asking for what follows the last record it returned; anything else (a rewind, a
 * deleted segment) makes it seek again.
 */
export class LaneReader {
  aligned = Number.NaN;
  private generation = -1;
  private seg: Segment | undefined;
  private offset = 0;
  private skipUpTo = 0;
  private queue: StoredRecord[] = [];
  private qi = 0;
  private fd: number | undefined;

  constructor(private readonly lane: Lane) {}

  positionAfter(after: number): void {
    if (after === this.aligned && this.generation === this.lane.generation) return;
    this.closeFile();
    this.aligned = after;
    this.generation = this.lane.generation;
    this.skipUpTo = after;
    this.queue = [];
    this.qi = 0;
    this.seg = this.lane.segments.find((s) => s.lastSeq > after);
    this.offset = 0;
  }

  head(): StoredRecord | undefined {
    while (this.qi >= this.queue.length) {
      if (!this.refill()) return undefined;
    }
    return this.queue[this.qi];
  }

  advance(): void {
    this.qi++;
  }

  close(): void {
    this.closeFile();
  }

  private refill(): boolean {
    if (!this.seg) {
      this.seg = this.lane.segments.find((s) => s.lastSeq > this.skipUpTo);
      if (!this.seg) return false;
      this.offset = 0;
    }
    if (this.offset >= this.seg.bytes) {
      const next = this.lane.segments[this.lane.segments.indexOf(this.seg) + 1];
      if (!next) return false;
      this.closeFile();
      this.seg = next;
      this.offset = 0;
    }
    this.fd ??= openSync(this.seg.path, "r");
    let want = Math.min(this.seg.bytes - this.offset, chunkBytes);
    this.queue = [];
    this.qi = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(want);
      const data = buf.subarray(0, readSync(this.fd, buf, 0, want, this.offset));
      let at = 0;
      for (;;) {
        const f = decodeFrame(data, at);
        if (f.status === "ok") {
          if (f.record.seq > this.skipUpTo) this.queue.push(f.record);
          at += f.size;
          continue;
        }
        if (f.status === "partial" && at > 0) {
          this.offset += at;
          return true;
        }
        // A record larger than the chunk: read again, big enough for it.
        if (f.status === "partial" && f.needed > want && this.offset + f.needed <= this.seg.bytes) {
          want = f.needed;
          break;
        }
        // Corruption in a segment that recovery accepted is a disk fault: skip the rest of it.
        this.offset = this.seg.bytes;
        return true;
      }
    }
  }

  private closeFile(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
