import { PutObjectCommand } from "@aws-sdk/client-s3";
import { Audit, withActor } from "@medloop/shared";
import type { ScheduledEvent } from "aws-lambda";
import { logger } from "../lib/logger.ts";
import { s3Client } from "../lib/s3.ts";

/**
 * Daily: copies each tenant's audit chain head to the Object Lock bucket, where nobody who can
 * write the table can change or delete it. A later `Audit.verifyAgainstAnchor` against such a copy
 * catches a chain that was rewritten wholesale, which the chain alone cannot show.
 */
/** One object per tenant and day: `audit-anchors/<tenantId>/<yyyy-mm-dd>.json`. */
export const anchorKey = (tenantId: string, at: Date) =>
  `audit-anchors/${tenantId}/${at.toISOString().slice(0, 10)}.json`;

export async function handler(event?: Pick<ScheduledEvent, "time">): Promise<{ anchored: number }> {
  const bucket = process.env.AUDIT_ANCHOR_BUCKET;
  if (!bucket) throw new Error("AUDIT_ANCHOR_BUCKET is not set");
  const day = new Date(event?.time ?? Date.now());
  let anchored = 0;
  const failed: string[] = [];
  // One tenant's failure does not cost the others their anchor; the run still fails so it is retried and seen.
  for (const tenantId of await Audit.auditedTenants()) {
    try {
      const anchor = await withActor({ type: "system", tenantId, name: "audit-anchor" }, () => Audit.currentAnchor());
      if (!anchor) continue;
      await s3Client().send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: anchorKey(tenantId, day),
          Body: JSON.stringify(anchor),
          ContentType: "application/json",
        }),
      );
      anchored++;
    } catch (error) {
      logger.error("audit anchor failed", { tenantId, error: error as Error });
      failed.push(tenantId);
    }
  }
  if (failed.length) throw new Error(`Audit anchors not written for ${failed.join(", ")}`);
  return { anchored };
}
