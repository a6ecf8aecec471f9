import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { tableName, tenantScopedClient } from "./client.ts";
import { entityOf } from "./keys.ts";
import { entities } from "./service.ts";

type Entities = typeof entities;
type ItemOf<N extends keyof Entities> = NonNullable<Awaited<ReturnType<ReturnType<Entities[N]["get"]>["go"]>>["data"]>;

/**
 * One Query of a partition that several entities share (an ElectroDB collection), its items
 * answered per entity: an order's whole evidence file in one round trip. ElectroDB offers this on
 * a Service, which would build every entity of the table; this builds only the named ones.
 * `from` names the entity whose index (`index`) defines the partition key.
 */
export async function readCollection<N extends keyof Entities>(
  names: readonly N[],
  from: { entity: N; index: string; key: Record<string, unknown> },
): Promise<{ [K in N]: ItemOf<K>[] }> {
  // biome-ignore lint/suspicious/noExplicitAny: the index is chosen by name
  const params = (entities[from.entity].query as any)[from.index](from.key).params();
  const [pkName, pkValue] = [params.ExpressionAttributeNames["#pk"], params.ExpressionAttributeValues[":pk"]];
  const byModel = new Map(names.map((n) => [entities[n].schema.model.entity, n]));
  const grouped = Object.fromEntries(names.map((n) => [n, [] as Record<string, unknown>[]])) as Record<
    N,
    Record<string, unknown>[]
  >;
  let start: Record<string, unknown> | undefined;
  do {
    const page = (await tenantScopedClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": pkName },
        ExpressionAttributeValues: { ":pk": pkValue },
        ExclusiveStartKey: start,
      }),
    )) as { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> };
    for (const item of page.Items ?? []) {
      const name = byModel.get(entityOf(item) ?? "");
      if (name) grouped[name].push(item);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return Object.fromEntries(
    // biome-ignore lint/suspicious/noExplicitAny: each entity formats its own raw items
    names.map((n) => [n, (entities[n] as any).parse({ Items: grouped[n] }).data]),
  ) as { [K in N]: ItemOf<K>[] };
}
