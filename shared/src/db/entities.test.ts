import { describe, expect, it } from "vitest";
import { NOT_AUDITED_ENTITIES } from "../audit/change.ts";
import { entities } from "./service.ts";

describe("the table's entities", () => {
  // Entities are built on first use, and Lambda bundles skip ElectroDB's model check (bundling.ts):
  // this is where every model is built, with the check, before anything ships.
  it("every model passes ElectroDB's checks when built, and names itself after its key", () => {
    for (const [name, entity] of Object.entries(entities)) {
      expect(() => entity.query, name).not.toThrow();
      expect(entity.schema.model.entity, name).toBeTruthy();
    }
  });

  it("keeps every key under its tenant: each index's partition key starts with t#<tenant>#", () => {
    for (const [name, entity] of Object.entries(entities)) {
      for (const index of Object.values(entity.schema.indexes) as { pk: { template?: string } }[]) {
        expect(index.pk.template, name).toMatch(/^t#\$\{tenantId\}#/);
      }
    }
  });

  // The audit tells a committed change from a direct table edit by a fresh changeId (db/attributes.ts):
  // an audited entity without one would raise a false "unattributed change" alert on every write.
  it("gives every audited entity the change attributes, changeId among them", () => {
    const plumbing = new Set(NOT_AUDITED_ENTITIES);
    const without = Object.entries(entities)
      .filter(([, e]) => !plumbing.has(e.schema.model.entity))
      .filter(([, e]) => !("changeId" in e.schema.attributes))
      .map(([name]) => name);
    expect(without).toEqual([]);
  });
});
