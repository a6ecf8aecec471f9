import { randomUUID } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand, ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { clientFromEnv, tableName } from "../db/client.ts";
import { Db } from "../db/service.ts";
import { Audit } from "../index.ts";
import { manualClock } from "../ports/clock.ts";
import { type Actor, type RequestScope, withActor, withScope } from "../tenant/context.ts";

type Item = Record<string, unknown>;

const raw = clientFromEnv();
const auditor = (tenantId: string): Actor => ({ type: "system", tenantId, name: "audit" });
const ann = (tenantId: string): Actor => ({
  type: "user",
  tenantId,
  tenantKind: "manufacturer",
  userId: "ann",
  email: "ann@acme.test",
  roles: ["admin"],
});

let sequence = 0;

/** A stream record as DynamoDB Streams delivers it: the stored items, marshalled. */
function streamRecord(eventName: "INSERT" | "MODIFY" | "REMOVE", before?: Item, after?: Item): Audit.StreamRecord {
  const item = (after ?? before)!;
  sequence++;
  return {
    eventID: randomUUID(),
    eventName,
    dynamodb: {
      Keys: marshall({ pk: item.pk, sk: item.sk }),
      OldImage: before && marshall(before, { removeUndefinedValues: true }),
      NewImage: after && marshall(after, { removeUndefinedValues: true }),
      SequenceNumber: String(sequence).padStart(21, "0"),
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
    },
  };
}

/** The item a user write stores, keys and who/why included, as ElectroDB would write it in this scope. */
const userItem = (scope: RequestScope, values: Item) =>
  withScope(scope, () => Db.entities.user.put(values as never).params().Item as Item);

const user = (tenantId: string, userId: string, name: string) => ({
  tenantId,
  userId,
  email: `${userId}@acme.test`,
  name,
  roles: ["operator"],
  passwordHash: "scrypt$not-a-real-hash",
  createdAt: "2026-01-01T00:00:00.000Z",
});

const changeOf = (record: Audit.StreamRecord) => Audit.fromStreamRecord(record)!;

/** A chain of `n` user creations for a tenant, each its own record. */
async function seedChain(tenantId: string, n: number) {
  const changes = Array.from({ length: n }, (_, i) =>
    changeOf(
      streamRecord(
        "INSERT",
        undefined,
        userItem({ actor: ann(tenantId), reason: `hire ${i + 1}` }, user(tenantId, `u${i + 1}`, `User ${i + 1}`)),
      ),
    ),
  );
  await withActor(auditor(tenantId), () => Audit.appendChanges(changes));
}

const verify = (tenantId: string) => withActor(auditor(tenantId), () => Audit.verifyChain());

const recordKey = (tenantId: string, seq: number) =>
  Db.entities.auditRecord.get({ tenantId, bucket: Math.floor(seq / 1000), seq }).params().Key as Item;

async function readRaw(tenantId: string, seq: number): Promise<Item> {
  const { Item } = await raw.send(new GetCommand({ TableName: tableName(), Key: recordKey(tenantId, seq) }));
  return Item!;
}

const writeRaw = (item: Item) => raw.send(new PutCommand({ TableName: tableName(), Item: item }));

const KEY_FIELDS = ["pk", "sk", "gsi1pk", "gsi1sk"];
const keysOf = (item: Item) => Object.fromEntries(KEY_FIELDS.map((k) => [k, item[k]]));
const contentOf = (item: Item, keep: string[] = []) =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_FIELDS.includes(k) && !keep.includes(k)));

describe("audit trail", () => {
  beforeAll(async () => {
    await ensureTestTable();
  });

  it("records each change of a record field by field, with who and why, and never a password hash", async () => {
    // Prepare
    const t = "acme";
    const userId = randomUUID();
    const created = userItem(
      { actor: ann(t), correlationId: "c-1" },
      { ...user(t, userId, "Bob"), passwordHash: "scrypt$SECRET-ONE" },
    );
    const moved = userItem(
      { actor: ann(t), correlationId: "c-2", reason: "moved to incoming inspection" },
      { ...user(t, userId, "Bob"), roles: ["qc-inspector", "operator"], passwordHash: "scrypt$SECRET-ONE" },
    );
    const reset = userItem(
      { actor: ann(t), correlationId: "c-3", reason: "forgot password" },
      { ...user(t, userId, "Bob"), roles: ["qc-inspector", "operator"], passwordHash: "scrypt$SECRET-TWO" },
    );
    const outbox = Db.entities.outbox
      .put({ tenantId: t, eventId: "e1", source: "medloop.tenant", detailType: "X.v1", detail: "{}", expiresAt: 1 })
      .params().Item as Item;
    const idem = Db.entities.idempotency
      .put({ tenantId: t, key: "k1", requestHash: "h", response: "{}", expiresAt: 1 })
      .params().Item as Item;
    const records = [
      streamRecord("INSERT", undefined, created),
      streamRecord("INSERT", undefined, outbox),
      streamRecord("MODIFY", created, moved),
      streamRecord("INSERT", undefined, idem),
      streamRecord("MODIFY", moved, reset),
      streamRecord("REMOVE", reset, undefined),
    ];

    // Act
    const changes = records.map((r) => Audit.fromStreamRecord(r)).filter((c) => c !== undefined);
    const appended = await withActor(auditor(t), () => Audit.appendChanges(changes));
    const { items, cursor } = await withActor(auditor(t), () => Audit.history({ entityKey: `user:${userId}` }));

    // Assess
    expect(appended).toEqual({ appended: 4, duplicates: 0 });
    expect(cursor).toBeNull();
    expect(items.map((e) => [e.seq, e.operation, e.actor, e.reason, e.correlationId])).toEqual([
      [1, "create", "user:ann", undefined, "c-1"],
      [2, "update", "user:ann", "moved to incoming inspection", "c-2"],
      [3, "update", "user:ann", "forgot password", "c-3"],
      [4, "delete", "unknown", undefined, undefined],
    ]);
    expect(items[0]!.changes).toContainEqual({ field: "name", after: "Bob" });
    expect(items[0]!.changes).toContainEqual({ field: "passwordHash", after: Audit.REDACTED });
    expect(items[0]!.changes.map((c) => c.field)).not.toContain("changedBy");
    expect(items[1]!.changes).toEqual([{ field: "roles", before: ["operator"], after: ["operator", "qc-inspector"] }]);
    expect(items[2]!.changes).toEqual([{ field: "passwordHash", before: Audit.REDACTED, after: Audit.REDACTED }]);
    expect(items[3]!.changes).toContainEqual({ field: "email", before: `${userId}@acme.test` });
    const stored = await raw.send(new ScanCommand({ TableName: tableName() }));
    expect(JSON.stringify(items)).not.toContain("SECRET");
    expect(JSON.stringify(stored.Items)).not.toContain("SECRET");
    expect(await verify(t)).toEqual({
      ok: true,
      count: 4,
      head: { seq: 4, hash: items[3]!.hash },
      anchored: null,
      unanchored: 4,
    });
  });

  it("pages through a long history, and finds none for a record of another tenant", async () => {
    const t = "pager";
    const userId = randomUUID();
    const versions = ["A", "B", "C"].map((name) => userItem({ actor: ann(t) }, user(t, userId, name)));
    const changes = [
      changeOf(streamRecord("INSERT", undefined, versions[0])),
      changeOf(streamRecord("MODIFY", versions[0], versions[1])),
      changeOf(streamRecord("MODIFY", versions[1], versions[2])),
    ];
    await withActor(auditor(t), () => Audit.appendChanges(changes));

    const first = await withActor(auditor(t), () => Audit.history({ entityKey: `user:${userId}`, limit: 2 }));
    const rest = await withActor(auditor(t), () =>
      Audit.history({ entityKey: `user:${userId}`, limit: 2, cursor: first.cursor ?? undefined }),
    );

    expect(first.items.map((e) => e.seq)).toEqual([1, 2]);
    expect(rest.items.map((e) => e.seq)).toEqual([3]);
    await expect(
      withActor(auditor("elsewhere"), () => Audit.history({ entityKey: `user:${userId}` })),
    ).rejects.toMatchObject({ code: "audit-history-not-found" });
  });

  it("hands out opaque cursors bound to the tenant, the query and a day, and refuses any other with a 400", async () => {
    const t = "cursors";
    const userId = randomUUID();
    const versions = ["A", "B", "C"].map((name) => userItem({ actor: ann(t) }, user(t, userId, name)));
    await withActor(auditor(t), () =>
      Audit.appendChanges([
        changeOf(streamRecord("INSERT", undefined, versions[0])),
        changeOf(streamRecord("MODIFY", versions[0], versions[1])),
        changeOf(streamRecord("MODIFY", versions[1], versions[2])),
      ]),
    );
    const clock = manualClock(new Date());
    const asOwner = <T>(fn: () => Promise<T>, tenantId = t) => withScope({ actor: auditor(tenantId), clock }, fn);
    const entityKey = `user:${userId}`;
    const cursor = (await asOwner(() => Audit.history({ entityKey, limit: 1 }))).cursor ?? undefined;
    // Nothing of the key scheme in it, however it is decoded.
    expect(cursor).toMatch(/^[\w-]{24}$/);
    expect(Buffer.from(cursor!, "base64url").toString("latin1")).not.toMatch(/t#|pk|sk|cursors/);
    const refusedWith = (fn: () => Promise<unknown>) =>
      expect(fn()).rejects.toMatchObject({ code: "invalid-cursor", kind: "validation" });
    // Another tenant, another query (record or page size), an edited or made-up cursor.
    await refusedWith(() => asOwner(() => Audit.history({ entityKey, limit: 1, cursor }), "elsewhere"));
    await refusedWith(() => asOwner(() => Audit.history({ entityKey: `user:${randomUUID()}`, limit: 1, cursor })));
    await refusedWith(() => asOwner(() => Audit.history({ entityKey, limit: 2, cursor })));
    await refusedWith(() => asOwner(() => Audit.history({ entityKey, limit: 1, cursor: `${cursor!.slice(0, 23)}x` })));
    const leaked = Buffer.from(JSON.stringify({ pk: `t#${t}#audit#0`, sk: "x" })).toString("base64url");
    await refusedWith(() => asOwner(() => Audit.history({ entityKey, limit: 1, cursor: leaked })));
    // The owner's own cursor, asked again the same way, resumes; a day later it has lapsed.
    const next = await asOwner(() => Audit.history({ entityKey, limit: 1, cursor }));
    expect(next.items.map((e) => e.seq)).toEqual([2]);
    clock.advance(24 * 3_600_000 + 1);
    await refusedWith(() => asOwner(() => Audit.history({ entityKey, limit: 1, cursor })));
  });

  it("finds an edited record, and a record rewritten with a recomputed hash", async () => {
    await seedChain("edit", 5);
    const third = await readRaw("edit", 3);
    await writeRaw({ ...third, reason: "nothing to see here" });
    expect(await verify("edit")).toMatchObject({ ok: false, problem: "edited", brokenAt: 3, count: 2 });

    // A careful attacker recomputes the edited record's hash; the next record still links to the original.
    await seedChain("rehash", 5);
    const item = await readRaw("rehash", 3);
    const edited = { ...item, actor: "user:someone-else", changes: JSON.parse(String(item.changes)) };
    await writeRaw({ ...item, actor: edited.actor, hash: Audit.hashRecord(edited as Audit.Entry) });
    expect(await verify("rehash")).toMatchObject({ ok: false, problem: "edited", brokenAt: 3 });
  });

  it("finds a deleted record", async () => {
    await seedChain("gone", 5);
    await raw.send(new DeleteCommand({ TableName: tableName(), Key: recordKey("gone", 3) }));
    expect(await verify("gone")).toMatchObject({ ok: false, problem: "missing", brokenAt: 3, count: 2 });
  });

  it("finds two records swapped, whether or not their seq moved with them", async () => {
    await seedChain("swap", 5);
    const [three, four] = [await readRaw("swap", 3), await readRaw("swap", 4)];
    await writeRaw({ ...contentOf(four), ...keysOf(three) });
    await writeRaw({ ...contentOf(three), ...keysOf(four) });
    expect(await verify("swap")).toMatchObject({ ok: false, problem: "reordered", brokenAt: 3 });

    await seedChain("swap-kept-seq", 5);
    const [a, b] = [await readRaw("swap-kept-seq", 3), await readRaw("swap-kept-seq", 4)];
    await writeRaw({ ...contentOf(b, ["seq", "bucket"]), ...keysOf(a), seq: 3, bucket: 0 });
    await writeRaw({ ...contentOf(a, ["seq", "bucket"]), ...keysOf(b), seq: 4, bucket: 0 });
    expect(await verify("swap-kept-seq")).toMatchObject({ ok: false, problem: "reordered", brokenAt: 3 });
  });

  it("finds a head that does not match the chain", async () => {
    await seedChain("headless", 3);
    const key = Db.entities.auditHead.get({ tenantId: "headless" }).params().Key as Item;
    await raw.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: "SET #seq = :seq",
        ExpressionAttributeNames: { "#seq": "seq" },
        ExpressionAttributeValues: { ":seq": 2 },
      }),
    );
    expect(await verify("headless")).toMatchObject({ ok: false, problem: "head-mismatch", brokenAt: 3 });
  });

  it("catches a chain rewritten wholesale against an anchor taken before", async () => {
    // Prepare
    const t = "rewritten";
    await seedChain(t, 4);
    const anchor = (await withActor(auditor(t), () => Audit.currentAnchor()))!;
    expect(await withActor(auditor(t), () => Audit.verifyAgainstAnchor(anchor))).toEqual({ ok: true, seq: 4 });

    // Act: the attacker edits record 2 and recomputes every hash after it, head included.
    let prevHash = (await readRaw(t, 1)).hash as string;
    for (let seq = 2; seq <= 4; seq++) {
      const item = await readRaw(t, seq);
      const entry = {
        ...item,
        prevHash,
        reason: seq === 2 ? "a better story" : item.reason,
        changes: JSON.parse(String(item.changes)),
      };
      const hash = Audit.hashRecord(entry as Audit.Entry);
      await writeRaw({ ...item, prevHash, reason: entry.reason, hash });
      prevHash = hash;
    }
    await raw.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: Db.entities.auditHead.get({ tenantId: t }).params().Key as Item,
        UpdateExpression: "SET #hash = :hash",
        ExpressionAttributeNames: { "#hash": "hash" },
        ExpressionAttributeValues: { ":hash": prevHash },
      }),
    );

    // Assess: the chain alone looks intact; the anchor does not.
    expect(await verify(t)).toMatchObject({ ok: true, count: 4 });
    expect(await withActor(auditor(t), () => Audit.verifyAgainstAnchor(anchor))).toMatchObject({
      ok: false,
      problem: "edited",
      brokenAt: 4,
    });
  });

  it("appends a stream record delivered twice only once", async () => {
    const t = "redelivered";
    const change = changeOf(streamRecord("INSERT", undefined, userItem({ actor: ann(t) }, user(t, "u1", "Uma"))));

    const first = await withActor(auditor(t), () => Audit.appendChanges([change]));
    const again = await withActor(auditor(t), () => Audit.appendChanges([change, change]));

    expect(first).toEqual({ appended: 1, duplicates: 0 });
    expect(again).toEqual({ appended: 0, duplicates: 2 });
    expect(await verify(t)).toMatchObject({ ok: true, count: 1 });
  });

  it("keeps one gapless chain under concurrent appenders", async () => {
    const t = "busy";
    const changes = Array.from({ length: 20 }, (_, i) =>
      changeOf(streamRecord("INSERT", undefined, userItem({ actor: ann(t) }, user(t, `c${i}`, `C ${i}`)))),
    );

    await Promise.all(changes.map((c) => withActor(auditor(t), () => Audit.appendChanges([c]))));

    expect(await verify(t)).toMatchObject({ ok: true, count: 20 });
    const keys = await Promise.all(
      changes.map((c) => withActor(auditor(t), () => Audit.history({ entityKey: c.entityKey }))),
    );
    expect(keys.map((h) => h.items.length)).toEqual(Array(20).fill(1));
  });

  it("walks the chain across buckets, and finds a swap at a bucket boundary", async () => {
    const t = "long";
    await seedChain(t, 1003);
    expect(await verify(t)).toMatchObject({ ok: true, count: 1003 });

    const [last, first] = [await readRaw(t, 999), await readRaw(t, 1000)];
    await writeRaw({ ...contentOf(first), ...keysOf(last) });
    await writeRaw({ ...contentOf(last), ...keysOf(first) });
    expect(await verify(t)).toMatchObject({ ok: false, problem: "reordered", brokenAt: 999 });
    // A thousand sequential writes on the run's one DynamoDB Local, which every other suite shares.
  }, 180_000);

  it("registers every audited tenant for the anchor export", async () => {
    const tenants = await Audit.auditedTenants();
    expect(tenants).toEqual(expect.arrayContaining(["acme", "edit", "long", "busy"]));
    expect(tenants).not.toContain(Audit.PLATFORM_TENANT);
  });
});
