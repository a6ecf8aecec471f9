import { createHash } from "node:crypto";
import type { Entry } from "./schema.ts";

/** The `prevHash` of a tenant's first record. */
export const GENESIS = "0".repeat(64);

/**
 * JSON with object keys sorted at every level and undefined members dropped, so the same content
 * always gives the same text whatever order DynamoDB or a writer put the attributes in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * sha256 over everything a record says, its link to the record before included. Named fields, not
 * the whole item, so that storage details (keys, ElectroDB's markers) are not part of the proof.
 */
export function hashRecord(r: Omit<Entry, "hash">): string {
  const content = {
    tenantId: r.tenantId,
    seq: r.seq,
    entityType: r.entityType,
    entityKey: r.entityKey,
    operation: r.operation,
    actor: r.actor,
    at: r.at,
    reason: r.reason,
    correlationId: r.correlationId,
    changes: r.changes,
    unattributed: r.unattributed,
    eventId: r.eventId,
    sequenceNumber: r.sequenceNumber,
    prevHash: r.prevHash,
  };
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}
