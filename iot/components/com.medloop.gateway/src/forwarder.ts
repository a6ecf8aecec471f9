import type { DurableBuffer } from "./buffer/durable-buffer.ts";
import type { Transport } from "./transport/transport.ts";

/**
 * Publishes the buffer in sequence order, up to `maxInFlight` unacknowledged messages at a time,
 * and moves the buffer's acknowledged position over every message whose predecessors are all
 * acknowledged too. On a lost connection (or a failed publish) it forgets what was in flight and
 * starts again after the acknowledged position: the replay is in order, and only messages that were
 * in flight can arrive twice.
 */
export class Forwarder {
  private sendAfter: number;
  private inflight: { seq: number; done: boolean }[] = [];
  /** Answers from before a reset belong to a connection that is gone; they are ignored. */
  private epoch = 0;
  private pumping = false;
  private closed = false;
  /** Set while `drained` waits: called after every answer and connection change. */
  private onSettle: (() => void) | undefined;

  constructor(
    private readonly buffer: DurableBuffer,
    private readonly transport: Transport,
    private readonly topicOf: (kind: number) => string,
    public maxInFlight: number,
    private readonly log: (line: Record<string, unknown>) => void,
  ) {
    this.sendAfter = buffer.ackedSeq;
    transport.onConnectionChange((connected) => {
      if (this.closed) return;
      this.reset(this.buffer.ackedSeq);
      if (connected) this.pump();
      this.onSettle?.();
    });
  }

  get inFlight(): number {
    return this.inflight.length;
  }

  pump(): void {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      while (this.transport.connected && this.inflight.length < this.maxInFlight) {
        const records = this.buffer.read(this.sendAfter, this.maxInFlight - this.inflight.length);
        if (records.length === 0) break;
        for (const rec of records) {
          this.sendAfter = rec.seq;
          const entry = { seq: rec.seq, done: false };
          this.inflight.push(entry);
          const epoch = this.epoch;
          this.transport.publish(this.topicOf(rec.kind), rec.payload).then(
            () => this.onAck(epoch, entry),
            (e: unknown) => this.onFail(epoch, rec.seq, e),
          );
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /**
   * Resolves once nothing is pending and nothing in flight, the connection is down, or after
   * `maxWaitMs` (real time: a bounded wait at shutdown, not domain time).
   */
  drained(maxWaitMs: number): Promise<void> {
    this.pump();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.onSettle = undefined;
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.onSettle = () => {
        if (this.isDrained()) done();
      };
      this.onSettle();
    });
  }

  /** After a stop: late answers and connection changes no longer touch the (closed) buffer. */
  close(): void {
    this.closed = true;
    this.reset(this.buffer.ackedSeq);
  }

  /** Sends again from `fromSeq` (a replay request); what is no longer held is skipped. */
  rewind(fromSeq: number): void {
    this.reset(Math.max(0, fromSeq - 1));
    this.pump();
  }

  private reset(after: number): void {
    this.epoch++;
    this.inflight = [];
    this.sendAfter = after;
  }

  private onAck(epoch: number, entry: { seq: number; done: boolean }): void {
    if (epoch !== this.epoch) return;
    entry.done = true;
    let n = 0;
    while (n < this.inflight.length && (this.inflight[n] as { done: boolean }).done) n++;
    if (n > 0) {
      this.buffer.ack((this.inflight[n - 1] as { seq: number }).seq);
      this.inflight.splice(0, n);
    }
    this.pump();
    this.onSettle?.();
  }

  private isDrained(): boolean {
    if (!this.transport.connected) return true;
    return this.inflight.length === 0 && this.buffer.read(this.sendAfter, 1).length === 0;
  }

  private onFail(epoch: number, seq: number, e: unknown): void {
    if (epoch !== this.epoch) return;
    this.log({ msg: "publish failed, will resend from the acknowledged position", seq, error: String(e) });
    // The next pump (new data, the next tick or a reconnect) starts again in order.
    this.reset(this.buffer.ackedSeq);
    this.onSettle?.();
  }
}
