import { describe, expect, it } from "vitest";
import { type AttributeValue, fromStreamRecord, type StreamRecord } from "./change.ts";

const S = (s: string): AttributeValue => ({ S: s });

const record = (
  eventName: string,
  keys: Record<string, AttributeValue>,
  images: { before?: Record<string, AttributeValue>; after?: Record<string, AttributeValue> },
  extra: Partial<StreamRecord> = {},
): StreamRecord => ({
  eventID: "ev-1",
  eventName,
  dynamodb: {
    Keys: keys,
    OldImage: images.before && { ...keys, ...images.before },
    NewImage: images.after && { ...keys, ...images.after },
    SequenceNumber: "100",
    ApproximateCreationDateTime: 1_767_225_600,
  },
  ...extra,
});

describe("fromStreamRecord", () => {
  it("names a record by its entity and its key attributes", () => {
    const tenant = record(
      "MODIFY",
      { pk: S("t#acme#tenant"), sk: S("tenant") },
      {
        before: { __edb_e__: S("tenant"), tenantId: S("acme"), name: S("Acme"), changeId: S("c1") },
        after: {
          __edb_e__: S("tenant"),
          tenantId: S("acme"),
          name: S("Acme Medical"),
          changedBy: S("user:ann"),
          changeId: S("c2"),
        },
      },
    );
    const email = record(
      "INSERT",
      { pk: S("t#acme#email#ann@acme.test"), sk: S("email") },
      {
        after: { __edb_e__: S("userEmail"), tenantId: S("acme"), email: S("ann@acme.test"), userId: S("u1") },
      },
    );

    expect(fromStreamRecord(tenant)).toMatchObject({
      tenantId: "acme",
      entityType: "tenant",
      entityKey: "tenant",
      operation: "update",
      actor: "user:ann",
      changes: [{ field: "name", before: "Acme", after: "Acme Medical" }],
    });
    expect(fromStreamRecord(email)).toMatchObject({ entityKey: "userEmail:ann@acme.test", operation: "create" });
  });

  it("names a record of an entity with secondary indexes from its table keys alone", () => {
    const lot = record(
      "INSERT",
      { pk: S("t#acme#lot#m1#L-7"), sk: S("lot") },
      { after: { __edb_e__: S("stockLot"), tenantId: S("acme"), materialId: S("m1"), lotNo: S("L-7") } },
    );
    expect(fromStreamRecord(lot)).toMatchObject({ entityType: "stockLot", entityKey: "stockLot:m1:L-7" });
  });

  it("keeps an item it has no entity for, by its raw keys and its key's tenant", () => {
    const change = fromStreamRecord(
      record("INSERT", { pk: S("t#acme#widget#7"), sk: S("v1") }, { after: { colour: S("red") } }),
    );
    expect(change).toMatchObject({ tenantId: "acme", entityType: "unknown", entityKey: "item:widget#7:v1" });
  });

  it("records values exactly: big numbers as text, sets sorted, binary as base64, huge values by digest", () => {
    const change = fromStreamRecord(
      record(
        "INSERT",
        { pk: S("t#acme#widget#7"), sk: S("v1") },
        {
          after: {
            count: { N: "12345678901234567890" },
            ratio: { N: "0.5" },
            tags: { SS: ["b", "a"] },
            blob: { B: new Uint8Array([1, 2, 3]) },
            notes: S("x".repeat(40_000)),
          },
        },
      ),
    );
    expect(change?.changes).toEqual([
      { field: "blob", after: "AQID" },
      { field: "count", after: "12345678901234567890" },
      { field: "notes", after: { omitted: true, chars: 40_002, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } },
      { field: "ratio", after: 0.5 },
      { field: "tags", after: ["a", "b"] },
    ]);
  });

  it("says a TTL expiry deleted a record, and does not guess who else did", () => {
    const keys = { pk: S("t#acme#widget#7"), sk: S("v1") };
    const before = { tenantId: S("acme"), changedBy: S("user:ann"), colour: S("red") };
    const ttl = fromStreamRecord(
      record("REMOVE", keys, { before }, { userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" } }),
    );
    const manual = fromStreamRecord(record("REMOVE", keys, { before }));
    expect(ttl).toMatchObject({ operation: "delete", actor: "system:ttl-expiry", at: "2026-01-01T00:00:00.000Z" });
    expect(manual).toMatchObject({
      operation: "delete",
      actor: "unknown",
      changes: [{ field: "colour", before: "red" }],
    });
  });

  it("does not credit a write that kept the last change's token, or has none, to the last change's author", () => {
    const keys = { pk: S("t#acme#tenant"), sk: S("tenant") };
    const committed = {
      __edb_e__: S("tenant"),
      tenantId: S("acme"),
      name: S("Acme"),
      changedBy: S("user:ann"),
      changedAt: S("2025-12-01T00:00:00.000Z"),
      changeReason: S("rename"),
      correlationId: S("corr-1"),
      changeId: S("c1"),
    };
    const edited = fromStreamRecord(
      record("MODIFY", keys, { before: committed, after: { ...committed, name: S("Evil Corp") } }),
    );
    const { changeId: _, ...untokened } = committed;
    const inserted = fromStreamRecord(record("INSERT", keys, { after: untokened }));

    expect(edited).toEqual(
      expect.objectContaining({
        operation: "update",
        actor: "unknown",
        unattributed: true,
        at: "2026-01-01T00:00:00.000Z",
        changes: [{ field: "name", before: "Acme", after: "Evil Corp" }],
      }),
    );
    expect(edited?.reason).toBeUndefined();
    expect(edited?.correlationId).toBeUndefined();
    expect(inserted).toMatchObject({ operation: "create", actor: "unknown", unattributed: true });
  });

  it("passes over plumbing items and refuses records it cannot place", () => {
    const outbox = record(
      "INSERT",
      { pk: S("t#acme#outbox#e1"), sk: S("outbox") },
      {
        after: { __edb_e__: S("outbox"), tenantId: S("acme") },
      },
    );
    expect(fromStreamRecord(outbox)).toBeUndefined();
    expect(() => fromStreamRecord(record("INSERT", { pk: S("global"), sk: S("x") }, { after: {} }))).toThrow(
      /not of a tenant/,
    );
  });
});
