import { Db } from "../db/service.ts";
import { nowMs } from "../ports/clock.ts";
import { useTenantId } from "../tenant/context.ts";
import { ALERT_SHARDS, dayOf, padMs, shardOf } from "./keys.ts";

/**
 * The platform's own alerts about its data's integrity (an edit that bypassed the API, stock that
 * no longer matches its ledger). They go where people already watch alerts (`GET /v1/alerts`),
 * under a pseudo-device, so no second alert channel has to be built or watched.
 */
export const INTEGRITY_DEVICE = { deviceId: "medloop-integrity", deviceType: "platform", thingName: "medloop" };

export interface IntegrityAlert {
  /** What was checked: `audit-unattributed-change`, `inventory-ledger-mismatch`. */
  rule: string;
  /** What it is about (a record's entity key, a balance); with the rule it is the alert's id. */
  subject: string;
  message: string;
}

/** Raise an alert for the ambient tenant, as of now. */
export async function raiseIntegrityAlert({ rule, subject, message }: IntegrityAlert): Promise<void> {
  const at = nowMs();
  const alertId = `${rule}:${subject}`;
  await Db.entities.alert
    .put({
      tenantId: useTenantId(),
      day: dayOf(at),
      shard: shardOf(alertId, ALERT_SHARDS),
      alertKey: `${padMs(at)}#${alertId}#raised`,
      alertId,
      status: "raised",
      at,
      ...INTEGRITY_DEVICE,
      rule,
      ruleKind: "integrity",
      severity: "critical",
      subject,
      message,
      seq: 0,
    })
    .go();
}
