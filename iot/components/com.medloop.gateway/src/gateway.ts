import { join } from "node:path";
import type { GatewayConfig } from "@medloop/shared/device/gateway-config";
import {
  type GatewayIdentity,
  type GatewayState,
  ReplayRequest,
  SCHEMA_VERSION,
  TOPICS,
  type TopicKind,
  topicFor,
} from "@medloop/shared/device/topics";
import { type AppendEntry, type DropReport, DurableBuffer } from "./buffer/durable-buffer.ts";
import { ConfigStore } from "./config-store.ts";
import { Forwarder } from "./forwarder.ts";
import type { ClosedWindow } from "./pipeline/aggregate.ts";
import { type DeviceStateEvent, type IngestOutcome, Pipeline } from "./pipeline/pipeline.ts";
import type { RawReading } from "./pipeline/reading.ts";
import type { AlertEvent } from "./pipeline/rules.ts";
import type { Transport } from "./transport/transport.ts";

export interface Clock {
  now(): number;
}

export interface GatewayOptions {
  identity: GatewayIdentity;
  transport: Transport;
  clock: Clock;
  /** The component's work directory: the buffer and the saved configuration live here. */
  dir: string;
  /** The configuration deployed with the component (the recipe's, or a deployment's merge). */
  deployedConfig: GatewayConfig;
  /** The tenant's de-identification key, from the secret store. */
  deidentificationKey: Uint8Array;
  /** Local annunciation (a panel, a buzzer, local pub/sub): called at once, online or not. */
  onAlert?: (alert: AlertEvent) => void;
  log?: (line: Record<string, unknown>) => void;
}

/** Devices per aggregate message: five signals each stays far below IoT Core's 128 KB. */
const DEVICES_PER_AGGREGATE_MESSAGE = 100;

/** The state message's limit on lost ranges (topics.ts). */
const LOST_RANGES_PER_MESSAGE = 100;

const kindCode = (kind: TopicKind) => TOPICS.findIndex((t) => t.kind === kind);
const K = {
  aggregate: kindCode("telemetry-aggregate"),
  alert: kindCode("alert"),
  state: kindCode("state"),
  configAck: kindCode("config-ack"),
};

const json = (body: object) => Buffer.from(JSON.stringify(body), "utf8");

const limitsOf = (c: GatewayConfig) => c.buffer;

/**
 * The edge gateway: device readings in, aggregates, alerts and state changes out, through a
 * durable buffer so that nothing is lost while the uplink is down. Raw readings never leave.
 *
 * Time comes from the injected clock only: `tick()` (every second in production) closes the
 * windows that are due, reports status and keeps the buffer tidy.
 */
export class Gateway {
  private readonly pipeline: Pipeline;
  private readonly forwarder: Forwarder;
  private lastStatusAt: number;

  private constructor(
    private readonly opts: GatewayOptions,
    private readonly configs: ConfigStore,
    readonly buffer: DurableBuffer,
  ) {
    const config = configs.current;
    this.pipeline = new Pipeline(opts.identity.tenantId, opts.deidentificationKey, config);
    const topics = TOPICS.map((t) => topicFor(t.kind, opts.identity));
    this.forwarder = new Forwarder(
      buffer,
      opts.transport,
      (kind) => topics[kind] as string,
      config.upstream.maxInFlight,
      this.log,
    );
    this.lastStatusAt = opts.clock.now();
  }

  static async start(opts: GatewayOptions): Promise<Gateway> {
    const configs = ConfigStore.load(opts.dir, opts.deployedConfig);
    const buffer = DurableBuffer.open(join(opts.dir, "buffer"), limitsOf(configs.current));
    const gw = new Gateway(opts, configs, buffer);
    await opts.transport.subscribe(topicFor("config", opts.identity), (p) => gw.onConfig(p));
    await opts.transport.subscribe(topicFor("replay-request", opts.identity), (p) => gw.onReplayRequest(p));
    // Numbers lost in a power failure are declared before anything new, so the cloud stops waiting.
    const lost = buffer.recoveredLost;
    if (lost.length > 0) gw.log({ msg: "records lost in a power failure", lost });
    const declarations: AppendEntry[] = [];
    for (let i = 0; i < lost.length; i += LOST_RANGES_PER_MESSAGE) {
      const ranges = lost.slice(i, i + LOST_RANGES_PER_MESSAGE).map((r) => ({ ...r, reason: "power-loss" as const }));
      declarations.push(gw.gatewayState("records-lost", { lost: ranges }));
    }
    gw.append([...declarations, gw.gatewayState("start")]);
    return gw;
  }

  get config(): GatewayConfig {
    return this.configs.current;
  }

  get counters() {
    return this.pipeline.counters;
  }

  get inFlight(): number {
    return this.forwarder.inFlight;
  }

  ingest(batch: readonly RawReading[]): IngestOutcome {
    const out = this.pipeline.ingest(batch, this.opts.clock.now());
    for (const a of out.alerts) this.opts.onAlert?.(a);
    if (out.alerts.length > 0 || out.states.length > 0) {
      this.append([...out.alerts.map((a) => this.alertEntry(a)), ...out.states.map((s) => this.stateEntry(s))]);
    }
    return out;
  }

  tick(): void {
    const now = this.opts.clock.now();
    const entries = this.aggregateEntries(this.pipeline.closeDue(now));
    if (now - this.lastStatusAt >= this.config.upstream.statusIntervalMs) entries.push(this.gatewayState("periodic"));
    if (entries.length > 0) this.append(entries);
    this.buffer.checkpoint();
    this.forwarder.pump();
  }

  /**
   * A graceful stop (SIGTERM from Greengrass): closes every open window early and appends its
   * partial aggregate to the buffer (durable before this continues), then publishes what the uplink
   * takes until the buffer is drained, the connection is down, or `maxWaitMs` has passed, whichever
   * comes first; then closes the buffer. Whatever was not acknowledged stays buffered and goes after
   * the restart. A window continued after the restart is sent as a second part of the same window,
   * which the cloud merges with the first (it keys the parts by sequence number).
   */
  async stop({ maxWaitMs = 5_000 }: { maxWaitMs?: number } = {}): Promise<void> {
    const entries = this.aggregateEntries(this.pipeline.closeAll());
    if (entries.length > 0) this.append(entries);
    await this.forwarder.drained(maxWaitMs);
    this.forwarder.close();
    this.buffer.close();
  }

  private append(entries: AppendEntry[]): void {
    const { dropped } = this.buffer.append(entries);
    if (dropped) {
      this.log({ msg: "buffer full: dropped aggregates", ...dropped });
      this.buffer.append([this.gatewayState("buffer-drop", { drop: dropped })]);
    }
    this.forwarder.pump();
  }

  private onConfig(payload: Buffer): void {
    const offer = this.configs.offer(payload);
    const at = this.opts.clock.now();
    if (!offer.ok) {
      this.log({ msg: "configuration rejected", version: offer.version, reason: offer.reason });
      this.append([this.ackEntry({ at, version: offer.version, status: "rejected", reason: offer.reason })]);
      return;
    }
    const early = this.pipeline.reconfigure(offer.config);
    this.buffer.setLimits(limitsOf(offer.config));
    this.forwarder.maxInFlight = offer.config.upstream.maxInFlight;
    this.log({ msg: "configuration applied", version: offer.config.version });
    this.append([
      ...this.aggregateEntries(early),
      this.ackEntry({ at, version: offer.config.version, status: "applied" }),
    ]);
  }

  private onReplayRequest(payload: Buffer): void {
    let parsed: ReturnType<typeof ReplayRequest.safeParse>;
    try {
      parsed = ReplayRequest.safeParse(JSON.parse(payload.toString("utf8")));
    } catch {
      this.log({ msg: "replay request ignored: not JSON" });
      return;
    }
    if (!parsed.success) {
      this.log({ msg: "replay request ignored", reason: parsed.error.message.slice(0, 500) });
      return;
    }
    const { fromSeq } = parsed.data;
    const stats = this.buffer.stats();
    const availableFrom = stats.oldestSeq ?? stats.lastSeq + 1;
    if (fromSeq < availableFrom) {
      this.append([this.gatewayState("replay-gap", { replay: { requestedFrom: fromSeq, availableFrom } })]);
    }
    this.forwarder.rewind(fromSeq);
  }

  private aggregateEntries(windows: ClosedWindow[]): AppendEntry[] {
    const entries: AppendEntry[] = [];
    for (const w of windows) {
      for (let i = 0; i < w.devices.length; i += DEVICES_PER_AGGREGATE_MESSAGE) {
        const devices = w.devices.slice(i, i + DEVICES_PER_AGGREGATE_MESSAGE);
        entries.push({
          kind: K.aggregate,
          critical: false,
          encode: (seq) => json({ schema: SCHEMA_VERSION, seq, window: { start: w.start, end: w.end }, devices }),
        });
      }
    }
    return entries;
  }

  private alertEntry(a: AlertEvent): AppendEntry {
    return { kind: K.alert, critical: true, encode: (seq) => json({ schema: SCHEMA_VERSION, seq, ...a }) };
  }

  private stateEntry(s: DeviceStateEvent): AppendEntry {
    return { kind: K.state, critical: true, encode: (seq) => json({ schema: SCHEMA_VERSION, seq, ...s }) };
  }

  private ackEntry(ack: { at: number; version: number | null; status: "applied" | "rejected"; reason?: string }) {
    return {
      kind: K.configAck,
      critical: true,
      encode: (seq: number) => json({ schema: SCHEMA_VERSION, seq, ...ack }),
    };
  }

  private gatewayState(
    trigger: GatewayState["trigger"],
    extra: { drop?: DropReport; replay?: GatewayState["replay"]; lost?: GatewayState["lost"] } = {},
  ): AppendEntry {
    const at = this.opts.clock.now();
    if (trigger === "periodic") this.lastStatusAt = at;
    const c = this.pipeline.counters;
    const b = this.buffer.stats();
    const body: Omit<GatewayState, "seq"> = {
      schema: SCHEMA_VERSION,
      at,
      about: "gateway",
      trigger,
      configVersion: this.config.version,
      ingest: {
        accepted: c.accepted,
        rejected: { ...c.rejected } as Record<string, number>,
        fieldsDropped: { ...c.fieldsDropped },
      },
      buffer: {
        bytes: b.bytes,
        maxBytes: b.maxBytes,
        pendingRecords: b.pendingRecords,
        droppedRecords: b.droppedRecords,
        droppedBytes: b.droppedBytes,
        overBudgetBytes: b.overBudgetBytes,
      },
      ...(extra.drop
        ? { drop: { records: extra.drop.records, fromSeq: extra.drop.fromSeq, toSeq: extra.drop.toSeq } }
        : {}),
      ...(extra.replay ? { replay: extra.replay } : {}),
      ...(extra.lost ? { lost: extra.lost } : {}),
    };
    return { kind: K.state, critical: true, encode: (seq) => json({ ...body, seq }) };
  }

  private readonly log = (line: Record<string, unknown>) =>
    this.opts.log?.({ thingName: this.opts.identity.thingName, ...line });
}
