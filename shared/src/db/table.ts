/**
 * The one table. Its key schema is derived from the entities' index definitions, so the CDK
 * stack, the local CreateTable and the test setup cannot drift from what the entities write.
 */
interface IndexDef {
  index?: string;
  pk: { field: string };
  sk?: { field: string };
}

export interface TableDefinition {
  tableName: string;
  partitionKey: string;
  sortKey: string;
  globalIndexes: { name: string; partitionKey: string; sortKey: string }[];
  ttlAttribute: string;
  stream: "NEW_AND_OLD_IMAGES";
}

export const TTL_ATTRIBUTE = "expiresAt";

export function deriveTableDefinition(
  tableName: string,
  entities: { schema: { indexes: Record<string, IndexDef> } }[],
): TableDefinition {
  let main: { pk: string; sk: string } | undefined;
  const gsis = new Map<string, { partitionKey: string; sortKey: string }>();
  for (const entity of entities) {
    for (const def of Object.values(entity.schema.indexes)) {
      const sk = def.sk?.field;
      if (!sk) throw new Error(`Every index needs a sort key field (pk ${def.pk.field})`);
      if (!def.index) {
        if (main && (main.pk !== def.pk.field || main.sk !== sk))
          throw new Error("Entities disagree on the table keys");
        main = { pk: def.pk.field, sk };
        continue;
      }
      const seen = gsis.get(def.index);
      if (seen && (seen.partitionKey !== def.pk.field || seen.sortKey !== sk)) {
        throw new Error(`Entities disagree on the keys of index ${def.index}`);
      }
      gsis.set(def.index, { partitionKey: def.pk.field, sortKey: sk });
    }
  }
  if (!main) throw new Error("No entity defines the table's primary index");
  return {
    tableName,
    partitionKey: main.pk,
    sortKey: main.sk,
    globalIndexes: [...gsis].map(([name, keys]) => ({ name, ...keys })).sort((a, b) => a.name.localeCompare(b.name)),
    ttlAttribute: TTL_ATTRIBUTE,
    stream: "NEW_AND_OLD_IMAGES",
  };
}

/** The same definition as a DynamoDB CreateTable request (DynamoDB Local and tests). */
export function createTableInput(def: TableDefinition) {
  const gsis = gsiInputs(def);
  const attrs = new Set([
    def.partitionKey,
    def.sortKey,
    ...def.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
  ]);
  return {
    TableName: def.tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: [...attrs].map((AttributeName) => ({ AttributeName, AttributeType: "S" as const })),
    KeySchema: [
      { AttributeName: def.partitionKey, KeyType: "HASH" as const },
      { AttributeName: def.sortKey, KeyType: "RANGE" as const },
    ],
    GlobalSecondaryIndexes: gsis.length ? gsis : undefined,
    StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream },
  };
}

function gsiInputs(def: TableDefinition) {
  return def.globalIndexes.map((g) => ({
    IndexName: g.name,
    KeySchema: [
      { AttributeName: g.partitionKey, KeyType: "HASH" as const },
      { AttributeName: g.sortKey, KeyType: "RANGE" as const },
    ],
    Projection: { ProjectionType: "ALL" as const },
  }));
}
