import { randomUUID } from "node:crypto";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { Audit, Telemetry, withActor, withScope } from "@medloop/shared";
import { clientFromEnv, tableName } from "@medloop/shared/db/client";
import { Db } from "@medloop/shared/db/service";
import type { DynamoDBRecord } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { handler } from "./audit.ts";

type Item = Record<string, unknown>;

const raw = clientFromEnv();
const tenantId = "oob";
const warehouseUser = {
  actor: {
    type: "user" as const,
    tenantId,
    tenantKind: "manufacturer" as const,
    userId: "wes",
    email: "wes@oob.test",
    roles: ["warehouse" as const],
  },
  reason: "goods receipt",
  correlationId: "corr-receipt",
};
const balanceKey = { tenantId, materialId: "m-1", lotNo: "L1", serialNo: "-", locationId: "loc-1" };

let sequence = 0;
/** What DynamoDB Streams delivers for a write that turned `before` into `after`. */
function modified(before: Item, after: Item): DynamoDBRecord {
  sequence++;
  return {
    eventID: randomUUID(),
    eventName: before ? "MODIFY" : "INSERT",
    dynamodb: {
      Keys: marshall({ pk: after.pk, sk: after.sk }),
      OldImage: marshall(before, { removeUndefinedValues: true }),
      NewImage: marshall(after, { removeUndefinedValues: true }),
      SequenceNumber: String(sequence).padStart(21, "0"),
      ApproximateCreationDateTime: 1_767_225_600,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
  } as DynamoDBRecord;
}

const key = () => Db.entities.stockBalance.get(balanceKey).params().Key as Item;
async function stored(): Promise<Item> {
  const { Item } = await raw.send(new GetCommand({ TableName: tableName(), Key: key(), ConsistentRead: true }));
  return Item!;
}

describe("a change made outside the application", () => {
  beforeAll(async () => {
    await ensureTestTable();
  });

  it("is recorded as unattributed, not as the last user's, and raises an alert", async () => {
    // Prepare: the warehouse user's receipt, committed through the entities.
    await withScope(warehouseUser, () =>
      Db.entities.stockBalance
        .upsert({ ...balanceKey, warehouseId: "wh-1", expiresOn: "9999-12-31" })
        .add({ onHand: 2006, reserved: 0, available: 2006, seq: 1 })
        .go(),
    );
    const received = await stored();
    const before = await withScope(warehouseUser, async () => {
      await Db.entities.stockBalance.patch(balanceKey).add({ onHand: 0, seq: 1 }).go();
      return stored();
    });
    const since = Date.now();

    // Act: someone with table access sets the stock directly, and the stream delivers both writes.
    await raw.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(),
        UpdateExpression: "SET onHand = :n, available = :n",
        ExpressionAttributeValues: { ":n": 9999 },
      }),
    );
    const after = await stored();
    const result = await handler({ Records: [modified(received, before), modified(before, after)] });

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    const { items } = await withActor(warehouseUser.actor, () =>
      Audit.history({ entityKey: "stockBalance:m-1:L1:-:loc-1" }),
    );
    const [committed, edited] = items.slice(-2);
    expect(committed).toMatchObject({ actor: "user:wes", reason: "goods receipt", correlationId: "corr-receipt" });
    expect(committed!.unattributed).toBeUndefined();
    expect(edited).toMatchObject({ actor: "unknown", unattributed: true });
    expect(edited!.reason).toBeUndefined();
    expect(edited!.correlationId).toBeUndefined();
    expect(edited!.changes).toContainEqual({ field: "onHand", before: 2006, after: 9999 });
    const alerts = await withActor(warehouseUser.actor, () => Telemetry.alerts({ from: since }));
    expect(alerts).toContainEqual(
      expect.objectContaining({
        deviceId: Telemetry.INTEGRITY_DEVICE.deviceId,
        rule: "audit-unattributed-change",
        severity: "critical",
        message: expect.stringContaining("stockBalance:m-1:L1:-:loc-1"),
      }),
    );
    expect(await withActor(warehouseUser.actor, () => Audit.verifyChain())).toMatchObject({ ok: true });
  });
});
