import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { clientFromEnv, tableName } from "@medloop/shared/db/client";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { seedDemo } from "./seed.ts";

/** Every item of this file's table, in key order. */
async function snapshot() {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await clientFromEnv().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (i: Record<string, unknown>) => `${i.pk}\u0000${i.sk}`;
  return items.sort((a, b) => key(a).localeCompare(key(b)));
}

beforeAll(ensureTestTable);

describe("demo seed", () => {
  // 260 finished units received (the in-progress lot is not yet stock); the scrapped one never was.
  it("makes a few hundred serials, ships some to both hospitals, and a second run changes nothing", async () => {
    expect((await seedDemo("demo")).created).toEqual(["acme-med", "city-hospital", "fixit-service", "river-hospital"]);
    const first = await snapshot();
    const serials = first.filter((i) => i.sk === "serial" && String(i.pk).startsWith("t#acme-med#"));
    expect(serials.length).toBeGreaterThanOrEqual(250);
    const custodians = new Set(serials.map((i) => i.custodianTenantId).filter(Boolean));
    expect([...custodians].sort()).toEqual(["city-hospital", "river-hospital"]);

    expect((await seedDemo("demo")).created).toEqual([]);
    expect(await snapshot()).toEqual(first);
  }, 300_000);
});
