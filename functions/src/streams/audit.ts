import { Audit, Telemetry, withActor } from "@medloop/shared";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { anchorTenant, configuredBucket } from "../lib/audit-anchors.ts";
import { logger } from "../lib/logger.ts";

/**
 * The audit trail's stream consumer. Records of items that are not domain records (outbox,
 * idempotency, the audit's own) are passed over; the rest are appended to their tenant's chain,
 * tenants side by side, each tenant's changes in stream order. A record that fails is reported,
 * with every later record of its tenant, so a retry replays them in order; records that did get
 * in are recognised on redelivery and not appended twice.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const failed = new Set<DynamoDBRecord>();
  const byTenant = new Map<string, { record: DynamoDBRecord; change: Audit.Change }[]>();
  for (const record of event.Records) {
    let change: Audit.Change | undefined;
    try {
      change = Audit.fromStreamRecord(record);
    } catch (error) {
      // Reported, not dropped: after its retries it lands in the mapping's failure destination for a person to see.
      logger.error("unreadable stream record", { eventID: record.eventID, error: error as Error });
      failed.add(record);
      continue;
    }
    if (!change) continue;
    const group = byTenant.get(change.tenantId) ?? [];
    group.push({ record, change });
    byTenant.set(change.tenantId, group);
  }

  await Promise.all(
    [...byTenant].map(async ([tenantId, group]) => {
      try {
        await withActor({ type: "system", tenantId, name: "audit" }, async () => {
          await Audit.appendChanges(group.map((g) => g.change));
          await alertUnattributed(group.map((g) => g.change));
        });
        await anchorWhenDue(tenantId);
      } catch (error) {
        const applied = error instanceof Audit.AppendFailed ? error.applied : 0;
        logger.error("audit append failed", {
          tenantId,
          applied,
          failed: group.length - applied,
          error: error as Error,
        });
        for (const { record } of group.slice(applied)) failed.add(record);
      }
    }),
  );

  return {
    batchItemFailures: event.Records.filter((r) => failed.has(r)).map((r) => ({
      itemIdentifier: r.dynamodb?.SequenceNumber ?? "",
    })),
  };
}

/**
 * A change that did not come through the commit path (no fresh change token) is on the trail as
 * unattributed; someone has to look at it, so it is also raised where alerts are watched.
 */
async function alertUnattributed(changes: Audit.Change[]) {
  for (const change of changes.filter((c) => c.unattributed)) {
    logger.error("unattributed change", { tenantId: change.tenantId, entityKey: change.entityKey });
    await Telemetry.raiseIntegrityAlert({
      rule: "audit-unattributed-change",
      subject: change.entityKey,
      message: `${change.entityKey} was changed outside the application (${change.changes
        .map((c) => c.field)
        .join(", ")}); the audit trail records it with no known actor`,
    });
  }
}

/**
 * Anchor once `Audit.ANCHOR_EVERY` records are past the latest anchor, so a burst of changes does
 * not wait for the timer. The records are in the chain already: a failed anchor is logged, not
 * redelivered, and the next batch or the timer takes it.
 */
async function anchorWhenDue(tenantId: string) {
  if (!configuredBucket()) return;
  try {
    await anchorTenant(tenantId, Audit.ANCHOR_EVERY);
  } catch (error) {
    logger.error("audit anchor failed", { tenantId, error: error as Error });
  }
}
