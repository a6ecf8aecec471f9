import { randomUUID } from "node:crypto";
import { marshall } from "@aws-sdk/util-dynamodb";
import { beforeAll, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { Db } from "../db/service.ts";
import { withActor, withScope } from "../tenancy/context.ts";
import { Audit } from "../index.ts";
it("timing", async () => {
  await ensureTestTable();
  const t = "long";
  let s = 0;
  console.time("build");
  const changes = Array.from({ length: 1003 }, (_, i) => {
    const item = withScope({ actor: { type: "system", tenantId: t, name: "x" } }, () => Db.entities.user.put({ tenantId: t, userId: `u${i}`, email: "a@b.c", name: "n", roles: ["operator"], passwordHash: "x" } as never).params().Item);
    return Audit.fromStreamRecord({ eventID: randomUUID(), eventName: "INSERT", dynamodb: { Keys: marshall({ pk: item.pk, sk: item.sk }), NewImage: marshall(item), SequenceNumber: String(++s) } })!;
  });
  console.timeEnd("build");
  console.time("append");
  await withActor({ type: "system", tenantId: t, name: "a" }, () => Audit.appendChanges(changes));
  console.timeEnd("append");
  console.time("verify");
  console.log(await withActor({ type: "system", tenantId: t, name: "a" }, () => Audit.verifyChain()));
  console.timeEnd("verify");
}, 120000);
