import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";
import { TTL_ATTRIBUTE } from "../db/table.ts";
import { nowIso } from "../ports/clock.ts";

const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

/**
 * Edge telemetry in the cloud (EDGE-1…5, EW-1 input). Two kinds of item:
 * - registry items a person creates or changes (gateway, configuration versions): audited;
 * - machine data written by the ingest handler (windows, alerts, status, ledger, receipts,
 *   rejection counters, device status): high volume, not a person's change, so the audit trail
 *   skips them (listed in NOT_AUDITED_ENTITIES) — the gateway's sequence ledger is their record.
 */

/** A registered edge gateway (an IoT thing) of a tenant. Gateways of a tenant share a partition: the list page. */
export const GatewayEntity = defineEntity({
  model: model("gateway"),
  attributes: {
    ...changeAttributes,
    thingName: { type: "string", required: true, readOnly: true },
    name: { type: "string", required: true },
    site: { type: "string" },
    /** The newest configuration version pushed (0: the one deployed with the component). */
    configVersion: { type: "number", required: true, default: 0 },
    createdAt: { type: "string", required: true, readOnly: true, default: () => nowIso() },
  },
  indexes: {
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("gateways"), casing: "none" },
      sk: { field: "sk", composite: ["thingName"], template: "gw#${thingName}", casing: "none" },
    },
  },
});

/** What the gateway last said about itself, and when anything was last heard from it. */
export const GatewayStatusEntity = defineEntity({
  model: model("gatewayStatus"),
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    thingName: { type: "string", required: true, readOnly: true },
    lastSeenAt: { type: "number" },
    /** Sequence number of the state message the fields below come from (older ones never overwrite). */
    stateSeq: { type: "number" },
    stateAt: { type: "number" },
    appliedConfigVersion: { type: "number" },
    bufferPending: { type: "number" },
    bufferBytes: { type: "number" },
    bufferMaxBytes: { type: "number" },
    droppedRecords: { type: "number" },
    statusIntervalMs: { type: "number" },
  },
  indexes: {
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("gateways"), casing: "none" },
      sk: { field: "sk", composite: ["thingName"], template: "gwstatus#${thingName}", casing: "none" },
    },
  },
});

/**
 * A configuration version pushed to a gateway and what became of it. Newest first by sort key
 * (zero-padded version), so "the versions of a gateway" is one query.
 */
export const GatewayConfigEntity = defineEntity({
  model: model("gatewayConfig"),
  attributes: {
    ...changeAttributes,
    thingName: { type: "string", required: true, readOnly: true },
    version: { type: "number", required: true, readOnly: true },
    versionKey: { type: "string", required: true, readOnly: true },
    config: { type: "string", required: true, readOnly: true },
    status: { type: ["pushed", "applied", "rejected"] as const, required: true, default: "pushed" },
    reason: { type: "string" },
    pushedAt: { type: "string", required: true, readOnly: true },
    answeredAt: { type: "number" },
  },
  indexes: {
    byGateway: {
      pk: {
        field: "pk",
        composite: ["tenantId", "thingName"],
        template: tenantKey("gwconfig#${thingName}"),
        casing: "none",
      },
      sk: { field: "sk", composite: ["versionKey"], template: "v#${versionKey}", casing: "none" },
    },
  },
});

/**
 * The per-gateway ledger of received sequence numbers: everything up to `contiguousTo` arrived (or
 * was accounted for as dropped at the edge); `above` holds what arrived beyond a gap. Arrivals add
 * to the set (an atomic, commutative ADD, so concurrent deliveries never conflict); compaction moves
 * the contiguous run into `contiguousTo` under a condition on its old value.
 */
export const LedgerEntity = defineEntity({
  model: model("telemetryLedger"),
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    thingName: { type: "string", required: true, readOnly: true },
    contiguousTo: { type: "number" },
    above: { type: "set", items: "number" },
    /** Ranges the gateway reported it no longer has (buffer-full drops, replay beyond retention). */
    lost: {
      type: "list",
      items: {
        type: "map",
        properties: {
          from: { type: "number", required: true },
          to: { type: "number", required: true },
          reason: { type: "string", required: true },
        },
      },
    },
    /** When the gap starting at contiguousTo + 1 was first seen, and when a replay was last asked for. */
    gapSeenAt: { type: "number" },
    gapFrom: { type: "number" },
    replayRequestedAt: { type: "number" },
    replayRequests: { type: "number" },
    /** Requests made for the current gap (gapFrom): the back-off doubles with each. */
    replayAttempts: { type: "number" },
    received: { type: "number" },
    duplicates: { type: "number" },
  },
  indexes: {
    byGateway: {
      pk: {
        field: "pk",
        composite: ["tenantId", "thingName"],
        template: tenantKey("ledger#${thingName}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "ledger", casing: "none" },
    },
  },
});

/**
 * One message accepted from a gateway, keyed (thing, seq): created with its events in one transaction
 * under "not exists", so a redelivered message is recognised and its events are never sent twice.
 * Kept for a while only; older sequence numbers are covered by the ledger's contiguous run.
 */
export const ReceiptEntity = defineEntity({
  model: model("telemetryReceipt"),
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    thingName: { type: "string", required: true, readOnly: true },
    seq: { type: "number", required: true, readOnly: true },
    kind: { type: "string", required: true, readOnly: true },
    receivedAt: { type: "number", required: true, readOnly: true },
    [TTL_ATTRIBUTE]: { type: "number", required: true },
  },
  indexes: {
    byMessage: {
      pk: {
        field: "pk",
        composite: ["tenantId", "thingName", "seq"],
        template: tenantKey("rcpt#${thingName}#${seq}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "rcpt", casing: "none" },
    },
  },
});

/** A device known to the cloud, the gateway it reports through, and what it last reported. */
export const DeviceEntity = defineEntity({
  model: model("telemetryDevice"),
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    deviceId: { type: "string", required: true, readOnly: true },
    thingName: { type: "string", required: true },
    type: { type: "string", required: true },
    /** What people call it and where it stands (the id alone may be another tenant's id too). */
    name: { type: "string" },
    location: { type: "string" },
    lastSeenAt: { type: "number" },
    lastWindowStart: { type: "number" },
    /** Last value of each signal in the newest window, as JSON (signal → number). */
    lastValues: { type: "string" },
    /** Device attributes from state messages (already de-identified at the edge), as JSON. */
    attributes: { type: "string" },
    openAlerts: { type: "set", items: "string" },
  },
  indexes: {
    byTenant: {
      pk: { field: "pk", composite: ["tenantId"], template: tenantKey("devices"), casing: "none" },
      sk: { field: "sk", composite: ["deviceId"], template: "dev#${deviceId}", casing: "none" },
    },
  },
});

/**
 * One device's aggregate over one window (a patient change splits a window: `subject`).
 * Partition per device per UTC day: a device's time range is one query per day, and a tenant's writes
 * spread over one partition per device (write sharding by device; no tenant-wide hot key).
 */
export const WindowEntity = defineEntity({
  model: model("telemetryWindow"),
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    deviceId: { type: "string", required: true, readOnly: true },
    day: { type: "string", required: true, readOnly: true },
    windowKey: { type: "string", required: true, readOnly: true },
    windowStart: { type: "number", required: true },
    windowEnd: { type: "number", required: true },
    subject: { type: "string" },
    thingName: { type: "string", required: true },
    seq: { type: "number", required: true },
    /** signal → { count, min, max, mean, last }, as JSON: the merge of `parts`. */
    signals: { type: "string", required: true },
    /** The parts the window arrived in, by gateway sequence number, as JSON (window-parts.ts). */
    parts: { type: "string" },
    /** How many parts: the condition of the next merge, so two concurrent parts never overwrite each other. */
    partCount: { type: "number" },
    [TTL_ATTRIBUTE]: { type: "number", required: true },
  },
  indexes: {
    byDeviceDay: {
      pk: {
        field: "pk",
        composite: ["tenantId", "deviceId", "day"],
        template: tenantKey("win#${deviceId}#${day}"),
        casing: "none",
      },
      sk: { field: "sk", composite: ["windowKey"], template: "w#${windowKey}", casing: "none" },
    },
  },
});

/**
 * An alert raised or cleared at the edge. Partition per UTC day and shard (hash of the device): a
 * burst of alerts across a tenant spreads over ALERT_SHARDS partitions; a day's alerts are
 * ALERT_SHARDS queries merged by time.
 */
export const AlertEntity = defineEntity({
  model: model("telemetryAlert"),
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    day: { type: "string", required: true, readOnly: true },
    shard: { type: "string", required: true, readOnly: true },
    alertKey: { type: "string", required: true, readOnly: true },
    alertId: { type: "string", required: true },
    status: { type: ["raised", "cleared"] as const, required: true },
    at: { type: "number", required: true },
    deviceId: { type: "string", required: true },
    deviceType: { type: "string", required: true },
    thingName: { type: "string", required: true },
    rule: { type: "string", required: true },
    ruleKind: { type: "string", required: true },
    severity: { type: "string", required: true },
    signal: { type: "string" },
    value: { type: "number" },
    limit: { type: "number" },
    code: { type: "string" },
    subject: { type: "string" },
    message: { type: "string", required: true },
    seq: { type: "number", required: true },
  },
  indexes: {
    byDay: {
      pk: {
        field: "pk",
        composite: ["tenantId", "day", "shard"],
        template: tenantKey("alerts#${day}#${shard}"),
        casing: "none",
      },
      sk: { field: "sk", composite: ["alertKey"], template: "a#${alertKey}", casing: "none" },
    },
  },
});

/** Messages (or parts of one) the cloud refused from a gateway, counted by reason, with the latest detail. */
export const RejectionEntity = defineEntity({
  model: model("telemetryRejection"),
  attributes: {
    tenantId: { type: "string", required: true, readOnly: true },
    thingName: { type: "string", required: true, readOnly: true },
    reason: { type: "string", required: true, readOnly: true },
    count: { type: "number", required: true, default: 0 },
    lastDetail: { type: "string" },
    lastAt: { type: "number" },
  },
  indexes: {
    byGateway: {
      pk: {
        field: "pk",
        composite: ["tenantId", "thingName"],
        template: tenantKey("ledger#${thingName}"),
        casing: "none",
      },
      sk: { field: "sk", composite: ["reason"], template: "rej#${reason}", casing: "none" },
    },
  },
});

/** Written by the ingest handler only: kept off the audit trail (see the header). */
export const MACHINE_DATA_ENTITIES = [
  GatewayStatusEntity,
  LedgerEntity,
  ReceiptEntity,
  DeviceEntity,
  WindowEntity,
  AlertEntity,
  RejectionEntity,
];
