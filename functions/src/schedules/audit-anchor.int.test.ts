import { randomUUID } from "node:crypto";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { marshall } from "@aws-sdk/util-dynamodb";
import { type ObjectStore, s3Client, startObjectStore } from "@medloop/infra/local/object-store";
import { freePort } from "@medloop/infra/local/ports";
import { Audit, withActor, withScope } from "@medloop/shared";
import { Db } from "@medloop/shared/db/service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { anchorKey, handler } from "./audit-anchor.ts";

const BUCKET = "medloop-audit-anchors";
const system = (tenantId: string) => ({ type: "system" as const, tenantId, name: "test" });

async function appendUsers(tenantId: string, n: number) {
  const changes = Array.from({ length: n }, (_, i) => {
    const item = withScope(
      { actor: system(tenantId) },
      () =>
        Db.entities.user
          .put({ tenantId, userId: `u${i}`, email: `u${i}@x.test`, name: "U", roles: ["operator"], passwordHash: "x" })
          .params().Item as Record<string, unknown>,
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

describe("audit anchor export", () => {
  let store: ObjectStore;

  beforeAll(async () => {
    await ensureTestTable();
    store = await startObjectStore({ port: await freePort(), buckets: [BUCKET] });
    process.env.S3_ENDPOINT = store.endpoint;
    process.env.AUDIT_ANCHOR_BUCKET = BUCKET;
  });

  afterAll(() => store?.stop());

  it("writes each audited tenant's head to the bucket, and the chain checks out against it", async () => {
    // Prepare
    await appendUsers("north", 3);
    await appendUsers("south", 2);
    const time = "2026-03-01T02:00:00Z";

    // Act
    const result = await handler({ time });

    // Assess
    expect(result).toEqual({ anchored: 2 });
    const s3 = s3Client(store.endpoint);
    for (const [tenantId, seq] of [
      ["north", 3],
      ["south", 2],
    ] as const) {
      const key = anchorKey(tenantId, new Date(time));
      expect(key).toBe(`audit-anchors/${tenantId}/2026-03-01.json`);
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      const anchor = Audit.Anchor.parse(JSON.parse(await object.Body!.transformToString()));
      expect(anchor).toMatchObject({ tenantId, seq });
      expect(await withActor(system(tenantId), () => Audit.verifyAgainstAnchor(anchor))).toEqual({ ok: true, seq });
    }
  });
});
