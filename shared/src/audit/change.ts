import { createHash } from "node:crypto";
import { createConversions } from "electrodb";
import { changeAttributes } from "../db/attributes.ts";
import { entityOf, tenantOfKey, tenantPrefix } from "../db/keys.ts";
import { entities, tableDefinition } from "../db/service.ts";
import { OpenAlertEntity } from "../early-warning/entities.ts";
import { IdempotencyEntity } from "../idempotency/entity.ts";
import { OutboxEntity } from "../outbox/entity.ts";
import { PageCursorEntity } from "../paging/entity.ts";
import { nowIso } from "../ports/clock.ts";
import { MACHINE_DATA_ENTITIES } from "../telemetry/entities.ts";
import { canonicalJson } from "./chain.ts";
import { AuditAppliedEntity } from "./entities/applied.ts";
import { AuditHeadEntity } from "./entities/head.ts";
import { AuditRecordEntity } from "./entities/record.ts";
import { AuditTenantEntity } from "./entities/registry.ts";
import type { Change, FieldChange, Operation } from "./schema.ts";

/** A DynamoDB attribute value as a stream record carries it (Lambda's events and the SDK's both fit). */
export interface AttributeValue {
  S?: string;
  N?: string;
  B?: string | Uint8Array;
  BOOL?: boolean;
  NULL?: boolean;
  M?: Record<string, AttributeValue>;
  L?: AttributeValue[];
  SS?: string[];
  NS?: string[];
  BS?: (string | Uint8Array)[];
}

/** The part of a DynamoDB stream record the audit reads. */
export interface StreamRecord {
  eventID?: string;
  eventName?: string;
  userIdentity?: { type?: string; principalId?: string };
  dynamodb?: {
    ApproximateCreationDateTime?: number;
    Keys?: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
    SequenceNumber?: string;
  };
}

type Item = Record<string, unknown>;

/**
 * Items that are not domain records: events and idempotency answers are plumbing, and the audit's
 * own items would audit themselves. Stream filters (CDK, the local poller) can read the same list.
 */
export const NOT_AUDITED_ENTITIES: readonly string[] = [
  OutboxEntity,
  IdempotencyEntity,
  PageCursorEntity,
  AuditRecordEntity,
  AuditHeadEntity,
  AuditAppliedEntity,
  AuditTenantEntity,
  // The one-open-alert guard: written and deleted in the alert's own transaction; the alert is the record.
  OpenAlertEntity,
  // Telemetry from gateways is machine data, not a person's change; the sequence ledger is its record.
  ...MACHINE_DATA_ENTITIES,
].map((e) => e.schema.model.entity);
const notAudited = new Set(NOT_AUDITED_ENTITIES);

// Keys and ElectroDB's markers say where an item is stored, not what it says; who/when/why are the record's own fields.
const table = tableDefinition();
const notFields = new Set([
  table.partitionKey,
  table.sortKey,
  ...table.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
  ...Object.keys(changeAttributes),
]);

/** Secrets whose value must never reach the trail: that they changed is recorded, not what to. */
const REDACTED_FIELDS = new Set(["passwordHash"]);
export const REDACTED = "[redacted]";

/** A value bigger than this is recorded by size and digest: the record must stay far below DynamoDB's 400 KB. */
const MAX_VALUE_CHARS = 32_000;

interface EntityShape {
  schema: {
    indexes: Record<
      string,
      { index?: string; pk: { composite: readonly string[] }; sk?: { composite: readonly string[] } }
    >;
  };
}
const entitiesByName = new Map<string, EntityShape>(
  Object.values(entities).map((e) => [e.schema.model.entity, e as unknown as EntityShape]),
);

/**
 * What a stream record means for the audit trail: undefined for items that are not domain
 * records (outbox, idempotency, the audit's own), else the change with who, when, why and
 * the field-level before/after. Throws on a record that is not a usable change record at all.
 */
export function fromStreamRecord(record: StreamRecord): Change | undefined {
  const image = record.dynamodb;
  const newItem = image?.NewImage && toItem(image.NewImage);
  const oldItem = image?.OldImage && toItem(image.OldImage);
  const keys = image?.Keys && toItem(image.Keys);
  const entityType = entityOf(newItem ?? oldItem);
  if (entityType && notAudited.has(entityType)) return undefined;

  const operation = operationOf(record.eventName);
  if (!keys || !record.eventID || !image?.SequenceNumber) {
    throw new Error(`Stream record ${record.eventID ?? "?"} has no keys, event id or sequence number`);
  }
  const tenantId = str((newItem ?? oldItem)?.tenantId) ?? tenantOfKey(keys[table.partitionKey]);
  if (!tenantId) throw new Error(`Stream record ${record.eventID} is not of a tenant`);

  const approximate = image.ApproximateCreationDateTime
    ? new Date(image.ApproximateCreationDateTime * 1000).toISOString()
    : nowIso();
  const base = {
    tenantId,
    entityType: entityType ?? "unknown",
    entityKey: entityKeyOf(entityType, keys, tenantId),
    operation,
    changes: diff(oldItem ?? {}, newItem ?? {}),
    eventId: record.eventID,
    sequenceNumber: image.SequenceNumber,
  };
  // A delete carries no new image, so it cannot say who deleted; only TTL expiry names itself.
  if (operation === "delete") {
    const ttl = record.userIdentity?.principalId === "dynamodb.amazonaws.com";
    return { ...base, actor: ttl ? "system:ttl-expiry" : "unknown", at: approximate };
  }
  // Who, when and why on an item are the last committed write's: a write that bypassed the
  // entities left them (and the token) as they were, so they say nothing about this change.
  if (!isCommitted(oldItem, newItem)) {
    return { ...base, actor: "unknown", at: approximate, unattributed: true };
  }
  return {
    ...base,
    actor: str(newItem?.changedBy) ?? "unknown",
    at: str(newItem?.changedAt) ?? approximate,
    reason: str(newItem?.changeReason),
    correlationId: str(newItem?.correlationId),
  };
}

/** A write through the entities mints a new `changeId`; one that kept the old token or has none did not come that way. */
function isCommitted(before: Item | undefined, after: Item | undefined): boolean {
  const token = str(after?.changeId);
  return token !== undefined && token !== str(before?.changeId);
}

function operationOf(eventName: string | undefined): Operation {
  switch (eventName) {
    case "INSERT":
      return "create";
    case "MODIFY":
      return "update";
    case "REMOVE":
      return "delete";
    default:
      throw new Error(`Unknown stream event name ${eventName}`);
  }
}

/** Field-level changes, in field order; secrets redacted, oversized values replaced by their digest. */
function diff(before: Item, after: Item): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((f) => !notFields.has(f) && !f.startsWith("__edb_"))
    .sort();
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const [b, a] = [before[field], after[field]];
    if (canonicalJson(b) === canonicalJson(a)) continue;
    changes.push({ field, before: recorded(field, b), after: recorded(field, a) });
  }
  return changes;
}

function recorded(field: string, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (REDACTED_FIELDS.has(field)) return REDACTED;
  const text = JSON.stringify(value);
  if (text.length <= MAX_VALUE_CHARS) return value;
  return { omitted: true, chars: text.length, sha256: createHash("sha256").update(text).digest("hex") };
}

/** The record's id within its tenant, from its keys: `user:<userId>`; an unknown item falls back to its raw keys. */
function entityKeyOf(entityType: string | undefined, keys: Item, tenantId: string): string {
  const pk = String(keys[table.partitionKey]);
  const sk = String(keys[table.sortKey]);
  const entity = entityType ? entitiesByName.get(entityType) : undefined;
  const [accessPattern, primary] = (entity && Object.entries(entity.schema.indexes).find(([, i]) => !i.index)) || [];
  if (entity && accessPattern && primary) {
    // From the table's own keys only: the generic conversion also wants every GSI's keys.
    const conversions = createConversions(entity as never) as unknown as {
      byAccessPattern: Record<string, { fromKeys: { toComposite: (keys: Item) => Item } }>;
    };
    const composite = conversions.byAccessPattern[accessPattern]!.fromKeys.toComposite({ pk, sk });
    const names = [...primary.pk.composite, ...(primary.sk?.composite ?? [])].filter((n) => n !== "tenantId");
    const values = names.map((n) => composite[n]);
    if (values.every((v) => v !== undefined && v !== "")) return [entityType, ...values].join(":");
  }
  return [entityType ?? "item", pk.slice(tenantPrefix(tenantId).length), sk].join(":");
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

function toItem(image: Record<string, AttributeValue>): Item {
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, toJson(v)]));
}

/**
 * A stored value as plain JSON: sets as sorted arrays, binary as base64, and a number as a
 * number unless that would lose digits (then its exact decimal text).
 */
function toJson(v: AttributeValue): unknown {
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return num(v.N);
  if (v.BOOL !== undefined) return v.BOOL;
  if (v.NULL) return null;
  if (v.M) return toItem(v.M);
  if (v.L) return v.L.map(toJson);
  if (v.SS) return [...v.SS].sort();
  if (v.NS) return [...v.NS].sort((a, b) => Number(a) - Number(b)).map(num);
  if (v.B !== undefined) return base64(v.B);
  if (v.BS) return v.BS.map(base64).sort();
  throw new Error(`Unknown DynamoDB attribute value ${JSON.stringify(v)}`);
}

const num = (n: string) => (String(Number(n)) === n ? Number(n) : n);
const base64 = (b: string | Uint8Array) => (typeof b === "string" ? b : Buffer.from(b).toString("base64"));
