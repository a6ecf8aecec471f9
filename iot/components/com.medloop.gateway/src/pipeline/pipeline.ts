import type { DeviceType } from "@medloop/shared/device/devices";
import type { GatewayConfig } from "@medloop/shared/device/gateway-config";
import type { DeviceState } from "@medloop/shared/device/topics";
import { AdapterError, isObj } from "./adapters/fields.ts";
import { ADAPTERS } from "./adapters/index.ts";
import { type ClosedWindow, WindowAggregator } from "./aggregate.ts";
import { Classifier } from "./classify.ts";
import { Cleaner } from "./clean.ts";
import type { RawReading, Reading, RejectReason } from "./reading.ts";
import { reject } from "./reading.ts";
import { type AlertEvent, RuleEngine } from "./rules.ts";

export type DeviceStateEvent = Omit<DeviceState, "schema" | "seq">;

export interface IngestOutcome {
  accepted: number;
  rejected: { index: number; device: string; reason: RejectReason; detail: string }[];
  alerts: AlertEvent[];
  states: DeviceStateEvent[];
}

export interface PipelineCounters {
  accepted: number;
  rejected: Partial<Record<RejectReason, number>>;
  fieldsDropped: Record<string, number>;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Raw device bytes in; alerts, device state changes and (per window) aggregates out. Each reading
 * goes through: size check → JSON → device registry → adapter (units) → cleaner (time, duplicates,
 * ranges) → classification and de-identification → local rules → window aggregation. A bad reading
 * is refused with a reason and counted; the rest of its batch goes on. Nothing here does I/O.
 */
export class Pipeline {
  readonly counters: PipelineCounters = { accepted: 0, rejected: {}, fieldsDropped: {} };
  private devices = new Map<string, DeviceType>();
  private maxReadingBytes = 0;
  private readonly cleaner: Cleaner;
  private classifier: Classifier;
  private readonly rules: RuleEngine;
  private readonly aggregator: WindowAggregator;
  private readonly lastAttributes = new Map<string, Record<string, string>>();
  private readonly dropField = (field: string) => {
    this.counters.fieldsDropped[field] = (this.counters.fieldsDropped[field] ?? 0) + 1;
  };

  constructor(
    private readonly tenantId: string,
    private readonly key: Uint8Array,
    config: GatewayConfig,
  ) {
    this.cleaner = new Cleaner(config.ingest);
    this.classifier = this.classifierFor(config);
    this.rules = new RuleEngine(config.rules);
    this.aggregator = new WindowAggregator(config.window.sizeMs, config.window.graceMs);
    this.applyRegistry(config);
  }

  /** Takes a new configuration; returns windows it had to close early (the window size changed). */
  reconfigure(config: GatewayConfig): ClosedWindow[] {
    this.applyRegistry(config);
    this.cleaner.reconfigure(config.ingest, new Set(this.devices.keys()));
    this.classifier = this.classifierFor(config);
    this.rules.reconfigure(config.rules);
    for (const id of this.lastAttributes.keys()) if (!this.devices.has(id)) this.lastAttributes.delete(id);
    return this.aggregator.resize(config.window.sizeMs, config.window.graceMs);
  }

  ingest(batch: readonly RawReading[], now: number): IngestOutcome {
    const out: IngestOutcome = { accepted: 0, rejected: [], alerts: [], states: [] };
    for (let i = 0; i < batch.length; i++) {
      const raw = batch[i] as RawReading;
      const result = this.one(raw, now, out);
      if (result === undefined) {
        out.accepted++;
        continue;
      }
      this.counters.rejected[result.reason] = (this.counters.rejected[result.reason] ?? 0) + 1;
      out.rejected.push({
        index: i,
        device: String(raw.device).slice(0, 64),
        reason: result.reason,
        detail: result.detail,
      });
    }
    this.counters.accepted += out.accepted;
    return out;
  }

  closeDue(now: number): ClosedWindow[] {
    return this.aggregator.closeDue(now);
  }

  closeAll(): ClosedWindow[] {
    return this.aggregator.closeAll();
  }

  private one(raw: RawReading, now: number, out: IngestOutcome): { reason: RejectReason; detail: string } | undefined {
    const p = raw.payload;
    const size =
      typeof p === "string" ? (p.length * 3 > this.maxReadingBytes ? Buffer.byteLength(p) : p.length) : p.byteLength;
    if (size > this.maxReadingBytes) return reject("too-large", `${size} bytes, limit ${this.maxReadingBytes}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof p === "string" ? p : decoder.decode(p));
    } catch {
      return reject("bad-json", "not valid UTF-8 JSON");
    }
    if (!isObj(parsed)) return reject("not-an-object", "a reading must be a JSON object");
    const type = this.devices.get(raw.device);
    if (type === undefined) return reject("unknown-device", `"${String(raw.device).slice(0, 64)}" is not registered`);
    let r: Reading;
    try {
      r = ADAPTERS[type](parsed);
    } catch (e) {
      if (e instanceof AdapterError) return reject(e.reason, e.message);
      throw e;
    }
    if (r.device !== raw.device) return reject("device-mismatch", `payload names "${r.device.slice(0, 64)}"`);
    const bad = this.cleaner.check(r, now, this.aggregator.openFrom, this.dropField);
    if (bad) return bad;
    const subject = this.classifier.apply(r, this.dropField);
    this.rules.evaluate(r, subject, out.alerts);
    this.aggregator.add(r, subject);
    this.trackState(r, out);
    return undefined;
  }

  /** Attribute changes (phase, patient, machine state) go upstream as they happen, not per window. */
  private trackState(r: Reading, out: IngestOutcome): void {
    let last = this.lastAttributes.get(r.device);
    if (!last) {
      last = {};
      this.lastAttributes.set(r.device, last);
    }
    let changes: Record<string, string> | undefined;
    for (const k in r.attributes) {
      const v = r.attributes[k] as string;
      if (last[k] === v) continue;
      last[k] = v;
      changes ??= {};
      changes[k] = v;
    }
    if (changes) out.states.push({ at: r.ts, about: "device", device: r.device, type: r.type, changes });
  }

  private applyRegistry(config: GatewayConfig): void {
    this.devices = new Map(config.devices.map((d) => [d.id, d.type]));
    this.maxReadingBytes = config.ingest.maxReadingBytes;
  }

  private classifierFor(config: GatewayConfig): Classifier {
    return new Classifier({
      tenantId: this.tenantId,
      key: this.key,
      classification: config.classification,
      pseudonymize: config.deidentification.pseudonymize,
    });
  }
}
