import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { Audit, withActor } from "@medloop/shared";
import { s3Client } from "./s3.ts";

/**
 * Audit anchors in the Object Lock bucket, where nobody who can write the table can change or
 * delete them: `audit-anchors/<tenantId>/<inverted seq>.json`. The seq is stored inverted (and
 * zero-padded) so that a tenant's latest anchor is the first key a listing returns.
 */
const PREFIX = "audit-anchors/";
const SEQ_DIGITS = 12;
const INVERTED_FROM = 10 ** SEQ_DIGITS - 1;

export const anchorKey = (tenantId: string, seq: number) =>
  `${PREFIX}${tenantId}/${String(INVERTED_FROM - seq).padStart(SEQ_DIGITS, "0")}.json`;

function bucket(): string {
  const name = configuredBucket();
  if (!name) throw new Error("AUDIT_ANCHOR_BUCKET is not set");
  return name;
}

/**
 * The anchor bucket of this function, if it was given one: functions that declare `anchors` are
 * (the anchor schedule, the audit stream consumer, the verify route). Without one, verification
 * runs without an anchor and says so (`anchored: null`).
 */
export const configuredBucket = (): string | undefined => process.env.AUDIT_ANCHOR_BUCKET || undefined;

/** The tenant's latest anchor; undefined when none was taken yet, or this function has no anchor bucket. */
export async function latestAnchor(tenantId: string): Promise<Audit.Anchor | undefined> {
  if (!configuredBucket()) return undefined;
  const s3 = s3Client();
  const listed = await s3.send(
    new ListObjectsV2Command({ Bucket: bucket(), Prefix: `${PREFIX}${tenantId}/`, MaxKeys: 1 }),
  );
  const key = listed.Contents?.[0]?.Key;
  if (!key) return undefined;
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return Audit.Anchor.parse(JSON.parse(await object.Body!.transformToString()));
}

/**
 * Per bucket and tenant, the newest anchor this process has read or written. Anchors only move forward
 * (Object Lock: none is ever removed), so an entry can only be behind the bucket, and then the
 * check below reads the bucket as it would without it.
 */
const newestSeen = new Map<string, Audit.Anchor>();

/**
 * Anchor the tenant's chain unless its latest anchor already reaches the head (or, with
 * `minNew`, unless fewer records than that were added since). Returns the anchor written; throws
 * `audit-chain-broken` when the chain no longer continues the latest anchor.
 */
export async function anchorTenant(tenantId: string, minNew = 1): Promise<Audit.Anchor | undefined> {
  return withActor({ type: "system", tenantId, name: "audit-anchor" }, async () => {
    const head = await Audit.headSeq();
    const due = (anchored: number) => !(head > anchored && head - anchored < minNew);
    // The stream consumer asks after every batch: not due by what this process knows is one table
    // read, no bucket listing.
    const known = `${bucket()}/${tenantId}`;
    const seen = newestSeen.get(known);
    if (seen && !due(seen.seq)) return undefined;
    const previous = await latestAnchor(tenantId);
    if (previous) newestSeen.set(known, previous);
    if (!due(previous?.seq ?? 0)) return undefined;
    // Also with nothing added (or a head behind the anchor): taking the anchor checks the chain from the last one.
    const anchor = await Audit.currentAnchor(previous);
    if (!anchor || anchor.seq === previous?.seq) return undefined;
    await s3Client().send(
      new PutObjectCommand({
        Bucket: bucket(),
        Key: anchorKey(tenantId, anchor.seq),
        Body: JSON.stringify(anchor),
        ContentType: "application/json",
      }),
    );
    newestSeen.set(known, anchor);
    return anchor;
  });
}
