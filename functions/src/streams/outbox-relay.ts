import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { entityOf } from "@medloop/shared/db/keys";
import type { DynamoDBRecord } from "aws-lambda";

/**
 * EventBridge Pipes enrichment (the local stream poller calls it the same way): turns the outbox
 * items that a transaction inserted into bus entries. The detail was validated against the event's
 * schema when it was committed, so here it only needs unwrapping.
 */
export interface BusEntry {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
}

export async function handler(records: DynamoDBRecord[]): Promise<BusEntry[]> {
  const entries: BusEntry[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== "INSERT" || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (entityOf(item) !== "outbox") continue;
    entries.push({ source: item.source, detailType: item.detailType, detail: JSON.parse(item.detail) });
  }
  return entries;
}
