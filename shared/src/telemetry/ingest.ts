import { commit, emit, type PendingEvent } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import type { Upstream } from "../device/decode.ts";
import { DomainError } from "../errors/index.ts";
import { nowMs } from "../ports/clock.ts";
import { useTenantId } from "../tenant/context.ts";
import {
  AlertCleared,
  AlertRaised,
  ConfigAnswered,
  DeviceStateChanged,
  RecordsLost,
  WindowAggregated,
} from "./events.ts";
import { ALERT_SHARDS, dayOf, padMs, shardOf } from "./keys.ts";
import * as Ledger from "./ledger.ts";
import type { GatewayLink } from "./ports.ts";
import { mergeParts, type Part, type Parts, type SignalStats, withPart } from "./window-parts.ts";

/**
 * Cloud-side ingestion of what gateways send (EDGE-1…3): the handler decodes and checks a message
 * against the wire contract (shared/src/device/decode.ts), then calls `accept` or `reject` here, inside the
 * tenant the topic (and so the certificate) belongs to.
 *
 * Delivery is at least once and concurrent. The data writes are idempotent puts keyed by what they
 * describe (a device's window, an alert transition), so a redelivery rewrites the same items; the
 * receipt (thing, seq) commits with the message's events under "not exists", so events leave once.
 */

export interface Delivery {
  thingName: string;
  /** When IoT Core (or the local broker) received it, epoch ms. */
  receivedAt: number;
}

export interface Rejection {
  reason: string;
  detail: string;
}

export interface IngestResult {
  status: "accepted" | "duplicate" | "rejected";
  /** Parts of an accepted message that were refused (unknown device, wrong type); the rest is kept. */
  rejected: (Rejection & { device?: string })[];
}

/** Minute windows are short-lived: the long view is the early-warning and maintenance side's. */
export const WINDOW_RETENTION_DAYS = 90;
/** Receipts only need to outlive redeliveries and replays; older numbers are in the ledger's run. */
export const RECEIPT_RETENTION_DAYS = 14;

const DAY_S = 86_400;
const ttl = (fromMs: number, days: number) => Math.floor(fromMs / 1000) + days * DAY_S;

const duplicateMessage = () => new DomainError("conflict", "duplicate-message", "already received");

export async function accept(delivery: Delivery, msg: Upstream): Promise<IngestResult> {
  const { thingName } = delivery;
  if (!(await gatewayExists(thingName))) {
    await reject(delivery, { reason: "unknown-gateway", detail: `${thingName} is not registered` }, msg.seq);
    return { status: "rejected", rejected: [{ reason: "unknown-gateway", detail: thingName }] };
  }
  await markSeen(delivery);
  if ((await Ledger.isCovered(thingName, msg.seq)) || (await hasReceipt(thingName, msg.seq))) {
    return duplicate(thingName, msg.seq);
  }

  const { events, rejected } = await apply(delivery, msg);
  for (const r of rejected) await countRejection(thingName, r, delivery.receivedAt);

  const tenantId = useTenantId();
  const accepted = await commit({
    writes: (e) => [
      e.receipt
        .create({
          tenantId,
          thingName,
          seq: msg.seq,
          kind: msg.kind,
          receivedAt: delivery.receivedAt,
          expiresAt: ttl(delivery.receivedAt, RECEIPT_RETENTION_DAYS),
        })
        .commit(),
    ],
    events,
    result: true,
    conditionFailed: duplicateMessage,
  }).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === "duplicate-message") return false;
    throw e;
  });
  if (!accepted) return duplicate(thingName, msg.seq);
  await Ledger.record(thingName, msg.seq);
  return { status: "accepted", rejected };
}

/**
 * A message that failed the wire contract: counted by reason with the detail kept. When its
 * sequence number could still be read it is accounted for in the ledger, so it is not mistaken
 * for a gap and replayed forever.
 */
export async function reject(delivery: Delivery, rejection: Rejection, seq?: number): Promise<void> {
  await countRejection(delivery.thingName, rejection, delivery.receivedAt);
  if (seq !== undefined && Number.isSafeInteger(seq) && seq > 0 && (await gatewayExists(delivery.thingName))) {
    await Ledger.record(delivery.thingName, seq);
  }
}

/** After a delivery: a gap that has lasted is answered with a replay request to the gateway. */
export const followUp = (delivery: Delivery, link: GatewayLink) =>
  Ledger.requestReplayIfGap(delivery.thingName, nowMs(), link);

async function duplicate(thingName: string, seq: number): Promise<IngestResult> {
  // Recording again is harmless (a set) and heals a delivery that failed between receipt and ledger.
  await Ledger.record(thingName, seq);
  await Ledger.countDuplicate(thingName);
  return { status: "duplicate", rejected: [] };
}

async function apply(
  delivery: Delivery,
  msg: Upstream,
): Promise<{ events: PendingEvent[]; rejected: IngestResult["rejected"] }> {
  switch (msg.kind) {
    case "telemetry-aggregate":
      return applyAggregate(delivery, msg);
    case "alert":
      return applyAlert(delivery, msg);
    case "state":
      return msg.about === "device" ? applyDeviceState(delivery, msg) : applyGatewayState(delivery, msg);
    case "config-ack":
      return applyConfigAck(delivery, msg);
  }
}

type Of<K extends Upstream["kind"]> = Extract<Upstream, { kind: K }>;

/** Devices of this gateway, by id; a device of another gateway counts as unknown here. */
async function knownDevices(thingName: string, ids: string[]) {
  const tenantId = useTenantId();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, string>();
  const { data } = await Db.entities.device
    .get(unique.map((deviceId) => ({ tenantId, deviceId })))
    .go({ consistent: true });
  return new Map(data.filter((d) => d.thingName === thingName).map((d) => [d.deviceId, d.type]));
}

function checkDevice(known: Map<string, string>, device: string, type: string): Rejection | undefined {
  const registered = known.get(device);
  if (registered === undefined)
    return { reason: "unknown-device", detail: `device ${device} is not registered to this gateway` };
  if (registered !== type)
    return { reason: "device-type-mismatch", detail: `device ${device} is a ${registered}, not a ${type}` };
  return undefined;
}

async function applyAggregate(delivery: Delivery, msg: Of<"telemetry-aggregate">) {
  const tenantId = useTenantId();
  const known = await knownDevices(
    delivery.thingName,
    msg.devices.map((d) => d.device),
  );
  const rejected: IngestResult["rejected"] = [];
  const kept = msg.devices.filter((d) => {
    const r = checkDevice(known, d.device, d.type);
    if (r) rejected.push({ ...r, device: d.device });
    return !r;
  });
  const merged = new Map<DeviceAggregateIn, Part>();
  if (kept.length > 0) {
    await Promise.all(kept.map(async (d) => merged.set(d, await mergeWindowPart(delivery, msg, d))));
    await Promise.all(
      kept.map((d) =>
        Db.entities.device
          .patch({ tenantId, deviceId: d.device })
          .set({
            lastSeenAt: delivery.receivedAt,
            lastWindowStart: msg.window.start,
            lastValues: JSON.stringify(Object.fromEntries(Object.entries(d.signals).map(([s, a]) => [s, a?.last]))),
          })
          // A replayed older window never overwrites a newer one.
          .where((a, op) => `${op.notExists(a.lastWindowStart)} OR ${op.lte(a.lastWindowStart, msg.window.start)}`)
          .go()
          .catch(ignoreConditionFailure),
      ),
    );
  }
  const events =
    kept.length > 0
      ? [
          emit(WindowAggregated, {
            thingName: delivery.thingName,
            seq: msg.seq,
            window: msg.window,
            // What the window holds now: with a window sent in parts, the merge of them all.
            devices: kept.map((d) => ({
              deviceId: d.device,
              type: d.type,
              ...(d.subject ? { subject: d.subject } : {}),
              signals: merged.get(d) as Record<string, SignalStats>,
            })),
          }),
        ]
      : [];
  return { events, rejected };
}

type DeviceAggregateIn = Of<"telemetry-aggregate">["devices"][number];

/**
 * Adds this message's part to the device's window and stores the merge (window-parts.ts). A read,
 * then a put conditioned on the part count read: of two parts arriving at once, one retries.
 */
async function mergeWindowPart(delivery: Delivery, msg: Of<"telemetry-aggregate">, d: DeviceAggregateIn) {
  const tenantId = useTenantId();
  const key = {
    tenantId,
    deviceId: d.device,
    day: dayOf(msg.window.start),
    windowKey: `${padMs(msg.window.start)}#${d.subject ?? "-"}`,
  };
  for (let attempt = 1; ; attempt++) {
    const { data: stored } = await Db.entities.window.get(key).go({ consistent: true });
    const before: Parts = stored
      ? stored.parts
        ? (JSON.parse(stored.parts) as Parts)
        : { [String(stored.seq)]: JSON.parse(stored.signals) as Part }
      : {};
    const { parts, changed } = withPart(before, msg.seq, d.signals as Part);
    const signals = mergeParts(parts);
    if (!changed) return signals;
    const seqs = Object.keys(parts).map(Number);
    const written = await Db.entities.window
      .put({
        ...key,
        windowStart: msg.window.start,
        windowEnd: msg.window.end,
        subject: d.subject,
        thingName: delivery.thingName,
        seq: Math.max(...seqs),
        signals: JSON.stringify(signals),
        parts: JSON.stringify(parts),
        partCount: seqs.length,
        expiresAt: ttl(msg.window.end, WINDOW_RETENTION_DAYS),
      })
      .where((a, op) =>
        !stored
          ? op.notExists(a.windowKey)
          : stored.partCount === undefined
            ? `${op.notExists(a.partCount)} AND ${op.eq(a.seq, stored.seq)}`
            : op.eq(a.partCount, stored.partCount),
      )
      .go()
      .then(
        () => true,
        (e: unknown) => {
          if (Ledger.isConditionFailure(e) && attempt < 20) return false;
          throw e;
        },
      );
    if (written) return signals;
  }
}

async function applyAlert(delivery: Delivery, msg: Of<"alert">) {
  const tenantId = useTenantId();
  const known = await knownDevices(delivery.thingName, [msg.device]);
  const r = checkDevice(known, msg.device, msg.type);
  if (r) return { events: [], rejected: [{ ...r, device: msg.device }] };
  await Db.entities.alert
    .put({
      tenantId,
      day: dayOf(msg.at),
      shard: shardOf(msg.device, ALERT_SHARDS),
      alertKey: `${padMs(msg.at)}#${msg.alertId}#${msg.status}`,
      alertId: msg.alertId,
      status: msg.status,
      at: msg.at,
      deviceId: msg.device,
      deviceType: msg.type,
      thingName: delivery.thingName,
      rule: msg.rule,
      ruleKind: msg.ruleKind,
      severity: msg.severity,
      signal: msg.signal,
      value: msg.value,
      limit: msg.limit,
      code: msg.code,
      subject: msg.subject,
      message: msg.message,
      seq: msg.seq,
    })
    .go();
  const device = Db.entities.device.patch({ tenantId, deviceId: msg.device });
  await (msg.status === "raised"
    ? device.add({ openAlerts: [msg.alertId] })
    : device.delete({ openAlerts: [msg.alertId] })
  ).go();
  const data = {
    alertId: msg.alertId,
    thingName: delivery.thingName,
    deviceId: msg.device,
    deviceType: msg.type,
    rule: msg.rule,
    ruleKind: msg.ruleKind,
    severity: msg.severity,
    at: msg.at,
    message: msg.message,
    ...(msg.signal !== undefined ? { signal: msg.signal } : {}),
    ...(msg.value !== undefined ? { value: msg.value } : {}),
    ...(msg.limit !== undefined ? { limit: msg.limit } : {}),
    ...(msg.code !== undefined ? { code: msg.code } : {}),
  };
  return { events: [emit(msg.status === "raised" ? AlertRaised : AlertCleared, data)], rejected: [] };
}

async function applyDeviceState(delivery: Delivery, msg: Extract<Of<"state">, { about: "device" }>) {
  const tenantId = useTenantId();
  const known = await knownDevices(delivery.thingName, [msg.device]);
  const r = checkDevice(known, msg.device, msg.type);
  if (r) return { events: [], rejected: [{ ...r, device: msg.device }] };
  const { data } = await Db.entities.device.get({ tenantId, deviceId: msg.device }).go({ consistent: true });
  const attributes = {
    ...(data?.attributes ? (JSON.parse(data.attributes) as Record<string, string>) : {}),
    ...msg.changes,
  };
  await Db.entities.device
    .patch({ tenantId, deviceId: msg.device })
    .set({ attributes: JSON.stringify(attributes), lastSeenAt: delivery.receivedAt })
    .go();
  return {
    events: [
      emit(DeviceStateChanged, {
        thingName: delivery.thingName,
        deviceId: msg.device,
        type: msg.type,
        at: msg.at,
        changes: msg.changes,
      }),
    ],
    rejected: [],
  };
}

async function applyGatewayState(delivery: Delivery, msg: Extract<Of<"state">, { about: "gateway" }>) {
  const { thingName } = delivery;
  await Db.entities.gatewayStatus
    .update({ tenantId: useTenantId(), thingName })
    .set({
      stateSeq: msg.seq,
      stateAt: msg.at,
      appliedConfigVersion: msg.configVersion,
      bufferPending: msg.buffer.pendingRecords,
      bufferBytes: msg.buffer.bytes,
      bufferMaxBytes: msg.buffer.maxBytes,
      droppedRecords: msg.buffer.droppedRecords,
    })
    // A replayed older report never overwrites a newer one.
    .where((a, op) => `${op.notExists(a.stateSeq)} OR ${op.lt(a.stateSeq, msg.seq)}`)
    .go()
    .catch(ignoreConditionFailure);
  if (msg.drop) {
    await Ledger.recordLost(thingName, { from: msg.drop.fromSeq, to: msg.drop.toSeq, reason: "buffer-full" });
  }
  if (msg.replay && msg.replay.availableFrom > msg.replay.requestedFrom) {
    await Ledger.recordLost(thingName, {
      from: msg.replay.requestedFrom,
      to: msg.replay.availableFrom - 1,
      reason: "beyond-retention",
    });
  }
  const events: PendingEvent[] = [];
  if (msg.lost) {
    for (const r of msg.lost) await Ledger.recordLost(thingName, { from: r.fromSeq, to: r.toSeq, reason: r.reason });
    events.push(
      emit(RecordsLost, {
        thingName,
        at: msg.at,
        reason: "power-loss",
        ranges: msg.lost.map((r) => ({ from: r.fromSeq, to: r.toSeq })),
        records: msg.lost.reduce((n, r) => n + r.toSeq - r.fromSeq + 1, 0),
      }),
    );
  }
  return { events, rejected: [] };
}

async function applyConfigAck(delivery: Delivery, msg: Of<"config-ack">) {
  const tenantId = useTenantId();
  const { thingName } = delivery;
  if (msg.version !== null) {
    // Only a pushed version is answered: a retained configuration seen again after a reconnect is
    // refused by the gateway as "not newer", which must not turn an applied version into a rejected one.
    await Db.entities.gatewayConfig
      .patch({ tenantId, thingName, versionKey: versionKey(msg.version) })
      .set({ status: msg.status, answeredAt: msg.at, ...(msg.reason ? { reason: msg.reason.slice(0, 2_000) } : {}) })
      .where((a, op) => op.eq(a.status, "pushed"))
      .go()
      .catch(ignoreConditionFailure);
  }
  if (msg.status === "applied" && msg.version !== null) {
    await Db.entities.gatewayStatus
      .update({ tenantId, thingName })
      .set({ appliedConfigVersion: msg.version })
      .where(
        (a, op) => `${op.notExists(a.appliedConfigVersion)} OR ${op.lt(a.appliedConfigVersion, msg.version as number)}`,
      )
      .go()
      .catch(ignoreConditionFailure);
  }
  return {
    events: [
      emit(ConfigAnswered, {
        thingName,
        version: msg.version,
        status: msg.status,
        ...(msg.reason ? { reason: msg.reason.slice(0, 2_000) } : {}),
      }),
    ],
    rejected: [],
  };
}

export const versionKey = (version: number) => String(version).padStart(10, "0");

async function gatewayExists(thingName: string): Promise<boolean> {
  const { data } = await Db.entities.gateway.get({ tenantId: useTenantId(), thingName }).go();
  return data !== null;
}

async function hasReceipt(thingName: string, seq: number): Promise<boolean> {
  const { data } = await Db.entities.receipt.get({ tenantId: useTenantId(), thingName, seq }).go({ consistent: true });
  return data !== null;
}

async function markSeen({ thingName, receivedAt }: Delivery): Promise<void> {
  await Db.entities.gatewayStatus
    .update({ tenantId: useTenantId(), thingName })
    .set({ lastSeenAt: receivedAt })
    .where((a, op) => `${op.notExists(a.lastSeenAt)} OR ${op.lt(a.lastSeenAt, receivedAt)}`)
    .go()
    .catch(ignoreConditionFailure);
}

async function countRejection(thingName: string, r: Rejection, at: number): Promise<void> {
  await Db.entities.rejection
    .update({ tenantId: useTenantId(), thingName, reason: r.reason })
    .add({ count: 1 })
    .set({ lastDetail: r.detail.slice(0, 1_000), lastAt: at })
    .go();
}

function ignoreConditionFailure(e: unknown): void {
  if (!Ledger.isConditionFailure(e)) throw e;
}
