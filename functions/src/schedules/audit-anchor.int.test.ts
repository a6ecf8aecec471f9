import { randomUUID } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { type ObjectStore, startObjectStore } from "@medloop/infra/local/object-store";
import { freePort } from "@medloop/infra/local/ports";
import { Audit, Telemetry, withActor, withScope } from "@medloop/shared";
import { clientFromEnv, tableName } from "@medloop/shared/db/client";
import { Db } from "@medloop/shared/db/service";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { anchorKey, anchorTenant, latestAnchor } from "../lib/audit-anchors.ts";
import { s3Client } from "../lib/s3.ts";
import { handler } from "./audit-anchor.ts";

type Item = Record<string, unknown>;

const BUCKET = "medloop-audit-anchors";
const raw = clientFromEnv();
const system = (tenantId: string) => ({ type: "system" as const, tenantId, name: "test" });

async function appendUsers(tenantId: string, n: number, from = 0) {
  const changes = Array.from({ length: n }, (_, i) => {
    const userId = `u${from + i}`;
    const item = withScope(
      { actor: system(tenantId) },
      () =>
        Db.entities.user
          .put({ tenantId, userId, email: `${userId}@x.test`, name: "U", roles: ["operator"], passwordHash: "x" })
          .params().Item as Item,
    );
    return Audit.fromStreamRecord({
      eventID: randomUUID(),
      eventName: "INSERT",
      dynamodb: {
        Keys: marshall({ pk: item.pk, sk: item.sk }),
        NewImage: marshall(item),
        SequenceNumber: randomUUID(),
      },
    })!;
  });
  await withActor(system(tenantId), () => Audit.appendChanges(changes));
}

/** What the verify route answers: the chain checked against the tenant's latest anchor. */
const verify = async (tenantId: string) =>
  withActor(system(tenantId), async () => Audit.verifyChain(await latestAnchor(tenantId)));

const recordKey = (tenantId: string, seq: number) =>
  Db.entities.auditRecord.get({ tenantId, bucket: Math.floor(seq / 1000), seq }).params().Key as Item;
const headKey = (tenantId: string) => Db.entities.auditHead.get({ tenantId }).params().Key as Item;

async function readRaw(tenantId: string, seq: number): Promise<Item> {
  const { Item } = await raw.send(new GetCommand({ TableName: tableName(), Key: recordKey(tenantId, seq) }));
  return Item!;
}

/** Move the head to `seq` with `hash`, as someone covering a cut or a rewrite would. */
const setHead = (tenantId: string, seq: number, hash: string) =>
  raw.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: headKey(tenantId),
      UpdateExpression: "SET #seq = :seq, #hash = :hash",
      ExpressionAttributeNames: { "#seq": "seq", "#hash": "hash" },
      ExpressionAttributeValues: { ":seq": seq, ":hash": hash },
    }),
  );

/** Rewrite record `seq` with a new reason and recompute its hash and every later one, head included. */
async function rewriteFrom(tenantId: string, seq: number, last: number) {
  let prevHash = seq > 1 ? ((await readRaw(tenantId, seq - 1)).hash as string) : "0".repeat(64);
  for (let s = seq; s <= last; s++) {
    const item = await readRaw(tenantId, s);
    const reason = s === seq ? "a better story" : item.reason;
    const entry = { ...item, prevHash, reason, changes: JSON.parse(String(item.changes)) } as Audit.Entry;
    const hash = Audit.hashRecord(entry);
    await raw.send(new PutCommand({ TableName: tableName(), Item: { ...item, prevHash, reason, hash } }));
    prevHash = hash;
  }
  await setHead(tenantId, last, prevHash);
}

describe("audit anchors", () => {
  let store: ObjectStore;

  beforeAll(async () => {
    await ensureTestTable();
    store = await startObjectStore({ port: await freePort(), buckets: [BUCKET] });
    process.env.S3_ENDPOINT = store.endpoint;
    process.env.AUDIT_ANCHOR_BUCKET = BUCKET;
  });

  afterAll(() => store?.stop());

  it("anchors each audited tenant whose head moved, and verification says how much is not anchored yet", async () => {
    // Prepare
    await appendUsers("north", 3);
    await appendUsers("south", 2);

    // Act
    const first = await handler();
    await appendUsers("north", 2, 3);
    const second = await handler();

    // Assess
    expect(first.anchored).toBeGreaterThanOrEqual(2);
    expect(second.anchored).toBeGreaterThanOrEqual(1);
    const north = await latestAnchor("north");
    expect(north).toMatchObject({ tenantId: "north", seq: 5 });
    expect(north!.recent).toHaveLength(5);
    expect(anchorKey("north", 5) < anchorKey("north", 3)).toBe(true);
    expect(await verify("north")).toEqual({
      ok: true,
      count: 5,
      head: { seq: 5, hash: north!.hash },
      anchored: { seq: 5, at: north!.at },
      unanchored: 0,
    });
    await appendUsers("south", 1, 2);
    expect(await verify("south")).toMatchObject({ ok: true, count: 3, anchored: { seq: 2 }, unanchored: 1 });
  });

  it("anchors after ANCHOR_EVERY new records only when asked for that many", async () => {
    await appendUsers("bursty", 3);
    await withActor(system("bursty"), () => anchorTenant("bursty"));

    expect(await anchorTenant("bursty", Audit.ANCHOR_EVERY)).toBeUndefined();
    await appendUsers("bursty", Audit.ANCHOR_EVERY, 3);
    expect(await anchorTenant("bursty", Audit.ANCHOR_EVERY)).toMatchObject({ seq: 3 + Audit.ANCHOR_EVERY });
  });

  it("decides that an anchor is not due from the one it last wrote, without reaching the bucket", async () => {
    await appendUsers("steady", 3);
    await anchorTenant("steady");
    await appendUsers("steady", 2, 3);
    // The bucket fails every call now: a check that reached it would throw.
    const bucket = mockClient(s3Client()).onAnyCommand().rejects(new Error("bucket unreachable"));
    try {
      expect(await anchorTenant("steady", Audit.ANCHOR_EVERY)).toBeUndefined();
      expect(bucket.calls()).toHaveLength(0);
    } finally {
      bucket.restore();
    }
    // Once due, it reads the latest anchor and writes the next, as before.
    await appendUsers("steady", Audit.ANCHOR_EVERY, 5);
    expect(await anchorTenant("steady", Audit.ANCHOR_EVERY)).toMatchObject({ seq: 5 + Audit.ANCHOR_EVERY });
  });

  it("finds a tail cut off below the anchor, at the first record gone", async () => {
    // Prepare
    const t = "truncated";
    await appendUsers(t, 5);
    await anchorTenant(t);

    // Act: the last two records deleted and the head moved back onto record 3.
    for (const seq of [4, 5]) {
      await raw.send(new DeleteCommand({ TableName: tableName(), Key: recordKey(t, seq) }));
    }
    await setHead(t, 3, (await readRaw(t, 3)).hash as string);

    // Assess: the chain alone is consistent; the anchor is not.
    expect(await withActor(system(t), () => Audit.verifyChain())).toMatchObject({ ok: true, count: 3 });
    expect(await verify(t)).toMatchObject({ ok: false, problem: "missing", brokenAt: 4, count: 3 });
    await expect(anchorTenant(t)).rejects.toMatchObject({ code: "audit-chain-broken" });
    const since = Date.now();
    await expect(handler()).rejects.toThrow(new RegExp(`not written for .*${t}`));
    expect(await withActor(system(t), () => Telemetry.alerts({ from: since }))).toContainEqual(
      expect.objectContaining({ rule: "audit-chain-broken", message: expect.stringContaining("ends at 3") }),
    );
  });

  it("finds a tail rewritten with recomputed hashes and head, at the first record rewritten", async () => {
    // Prepare
    const t = "tail-rewritten";
    await appendUsers(t, 6);
    await anchorTenant(t);

    // Act
    await rewriteFrom(t, 6, 6);
    const lastOnly = await verify(t);
    await rewriteFrom(t, 4, 6);
    const fromFour = await verify(t);

    // Assess
    expect(await withActor(system(t), () => Audit.verifyChain())).toMatchObject({ ok: true, count: 6 });
    expect(lastOnly).toMatchObject({ ok: false, problem: "edited", brokenAt: 6, count: 5 });
    expect(fromFour).toMatchObject({ ok: false, problem: "edited", brokenAt: 4, count: 3 });
    await expect(anchorTenant(t)).rejects.toMatchObject({ code: "audit-chain-broken" });
  });

  it("does not anchor a chain rewritten into its anchored part", async () => {
    const t = "rewritten-then-grown";
    await appendUsers(t, 3);
    await anchorTenant(t);
    await appendUsers(t, 3, 3);
    await rewriteFrom(t, 2, 6);
    // Consistent on its own; only the link from the last anchor shows it, and the next anchor must not bless it.
    await expect(anchorTenant(t)).rejects.toMatchObject({ code: "audit-chain-broken" });
    expect(await verify(t)).toMatchObject({ ok: false, problem: "edited", brokenAt: 2 });
  });
});
