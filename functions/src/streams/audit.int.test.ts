import { randomUUID } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { Audit, withActor, withScope } from "@medloop/shared";
import { clientFromEnv, configureDb } from "@medloop/shared/db/client";
import { Db } from "@medloop/shared/db/service";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { handler } from "./audit.ts";

type Item = Record<string, unknown>;

let sequence = 0;

function streamRecord(eventName: "INSERT" | "MODIFY", item: Item, before?: Item): DynamoDBRecord {
  sequence++;
  return {
    eventID: randomUUID(),
    eventName,
    eventSource: "aws:dynamodb",
    dynamodb: {
      Keys: marshall({ pk: item.pk, sk: item.sk }),
      OldImage: before && marshall(before, { removeUndefinedValues: true }),
      NewImage: marshall(item, { removeUndefinedValues: true }),
      SequenceNumber: String(sequence).padStart(21, "0"),
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
  } as DynamoDBRecord;
}

const asUser = (tenantId: string) => ({
  actor: { type: "system" as const, tenantId, name: "test" },
  reason: "onboarding",
});

const userItem = (tenantId: string, userId: string, name = "Someone") =>
  withScope(
    asUser(tenantId),
    () =>
      Db.entities.user
        .put({
          tenantId,
          userId,
          email: `${userId}@example.test`,
          name,
          roles: ["operator"],
          passwordHash: "scrypt$x",
          createdAt: "2026-01-01T00:00:00.000Z",
        })
        .params().Item as Item,
  );

const created = (tenantId: string, userId: string) => streamRecord("INSERT", userItem(tenantId, userId));
const event = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
const seqOf = (r: DynamoDBRecord) => r.dynamodb!.SequenceNumber!;
const chainOf = (tenantId: string) => withActor({ type: "system", tenantId, name: "test" }, () => Audit.verifyChain());
const historyOf = (tenantId: string, userId: string) =>
  withActor({ type: "system", tenantId, name: "test" }, () => Audit.history({ entityKey: `user:${userId}` }));

describe("audit stream consumer", () => {
  const real = clientFromEnv();
  let poisoned: string | undefined;

  beforeAll(async () => {
    await ensureTestTable();
    // The failing port: the table client throttles any transaction that carries the poisoned stream record.
    configureDb(
      () =>
        ({
          send: (command: { input?: { TransactItems?: unknown } }, options?: unknown) => {
            if (poisoned && command.input?.TransactItems && JSON.stringify(command.input).includes(poisoned)) {
              return Promise.reject(
                Object.assign(new Error("Rate of requests exceeds the allowed throughput"), {
                  name: "ThrottlingException",
                }),
              );
            }
            return real.send(command as never, options as never);
          },
        }) as unknown as DynamoDBDocumentClient,
    );
  });

  afterEach(() => {
    poisoned = undefined;
  });

  it("appends domain changes and passes over outbox, idempotency and audit items", async () => {
    // Prepare
    const before = userItem("alpha", "a0", "Ann");
    const after = userItem("alpha", "a0", "Anna");
    const outbox = Db.entities.outbox
      .put({
        tenantId: "alpha",
        eventId: "e1",
        source: "medloop.tenant",
        detailType: "X.v1",
        detail: "{}",
        expiresAt: 1,
      })
      .params().Item as Item;
    const idem = Db.entities.idempotency
      .put({ tenantId: "alpha", key: "k1", requestHash: "h", response: "{}", expiresAt: 1 })
      .params().Item as Item;
    // The audit's own writes come back through the stream too; auditing them would never end.
    const head = Db.entities.auditHead
      .put({ tenantId: "alpha", seq: 1, hash: "h", updatedAt: "2026-01-01T00:00:00.000Z" })
      .params().Item as Item;

    // Act
    const result = await handler(
      event(
        streamRecord("INSERT", outbox),
        streamRecord("INSERT", before),
        streamRecord("INSERT", idem),
        streamRecord("MODIFY", after, before),
        streamRecord("INSERT", head),
      ),
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    const { items } = await historyOf("alpha", "a0");
    expect(items.map((e) => [e.operation, e.actor, e.reason])).toEqual([
      ["create", "system:test", "onboarding"],
      ["update", "system:test", "onboarding"],
    ]);
    expect(items[1]!.changes).toEqual([{ field: "name", before: "Ann", after: "Anna" }]);
    expect(await chainOf("alpha")).toMatchObject({ ok: true, count: 2 });
  });

  it("reports a failing record and the later records of its tenant, and a retry completes the chain once", async () => {
    // Prepare
    const [b1, b2, b3] = [created("beta", "b1"), created("beta", "b2"), created("beta", "b3")];
    const [g1, g2, g3] = [created("gamma", "g1"), created("gamma", "g2"), created("gamma", "g3")];
    poisoned = b2.eventID;

    // Act
    const result = await handler(event(g1, b1, g2, b2, g3, b3));

    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: seqOf(b2) }, { itemIdentifier: seqOf(b3) }]);
    expect(await chainOf("beta")).toMatchObject({ ok: true, count: 1 });
    expect(await chainOf("gamma")).toMatchObject({ ok: true, count: 3 });

    // Act: the event source mapping redelivers from the first failed record on.
    poisoned = undefined;
    const retried = await handler(event(b2, g3, b3));

    // Assess
    expect(retried).toEqual({ batchItemFailures: [] });
    expect(await chainOf("beta")).toMatchObject({ ok: true, count: 3 });
    expect(await chainOf("gamma")).toMatchObject({ ok: true, count: 3 });
    expect((await historyOf("beta", "b2")).items).toHaveLength(1);
  });
});
