import type { z } from "zod";
import { commit, emit, type PendingEvent } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { actorId, useScope, useTenantId, withScope } from "../tenant/context.ts";
import { MasterDataChanged } from "./events.ts";
import { versionOf } from "./schema/fields.ts";

/**
 * The one way a master record is created, changed and its history kept. Each write is one
 * transaction: the record, its code-uniqueness items, a snapshot in `masterVersion` and the
 * `MasterData.Changed` event — all or nothing. Updates are guarded by the version read, so two
 * people editing the same record cannot silently overwrite each other.
 */
export type RecordEntity =
  | "material"
  | "site"
  | "warehouse"
  | "location"
  | "product"
  | "supplier"
  | "certificate"
  | "customer"
  | "workCentre";

// biome-ignore lint/suspicious/noExplicitAny: the entity is chosen by name; its item shape is the caller's schema
type AnyEntity = any;
export const entity = (name: RecordEntity): AnyEntity => Db.entities[name];

export interface UniqueCode {
  /** The uniqueness namespace: `material`, `product-udi-di`, `location:<warehouseId>`… */
  kind: string;
  code: string;
  /** The error when taken, e.g. `material-code-taken`. */
  takenCode: string;
  takenMessage: string;
}

export type Item = Record<string, unknown>;

/** Runs `fn` with `reason` as the scope's reason, so the audit trail records it against the change. */
const withReason = <T>(reason: string, fn: () => Promise<T>) => withScope({ ...useScope(), reason }, fn);

/** The writes, event and answer of one change: committed alone, or with others by the CSV import. */
export interface Plan<I> {
  writes: (e: Parameters<Parameters<typeof commit>[0]["writes"]>[0]) => unknown[];
  event: PendingEvent;
  info: I;
  reason: string;
  conditionFailed: (index: number) => Error;
}

export function planCreate<I extends Item>(input: {
  kind: RecordEntity;
  recordId: string;
  codes: UniqueCode[];
  /** The entity attributes without tenant, version and change attributes. */
  item: Item;
  info: z.ZodType<I>;
  reason?: string;
}): Plan<I> {
  const tenantId = useTenantId();
  const info = input.info.parse({
    ...input.item,
    version: 1,
    status: input.item.status ?? "active",
    changedAt: nowIso(),
    changedBy: actorId(),
  });
  const reason = input.reason ?? "created";
  return {
    writes: (e) => [
      ...input.codes.map((c) =>
        e.masterCode.create({ tenantId, kind: c.kind, code: c.code, recordId: input.recordId }).commit(),
      ),
      entity(input.kind)
        .create({ ...input.item, tenantId, version: 1 })
        .commit(),
      e.masterVersion
        .create({
          tenantId,
          kind: input.kind,
          recordId: input.recordId,
          version: 1,
          change: "created",
          reason,
          snapshot: JSON.stringify(info),
        })
        .commit(),
    ],
    event: emit(MasterDataChanged, {
      kind: input.kind,
      recordId: input.recordId,
      code: String(input.item.code),
      version: 1,
      change: "created",
    }),
    info,
    reason,
    conditionFailed: (i) => {
      const taken = input.codes[i];
      if (taken) return conflict(taken.takenCode, taken.takenMessage, { code: taken.code });
      return conflict("already-exists", "The record already exists");
    },
  };
}

/** Commit one plan: the record, its codes, its first or next version and its event, in one transaction. */
export function commitPlan<I>(plan: Plan<I>): Promise<I> {
  return withReason(plan.reason, () =>
    commit({
      writes: (e) => plan.writes(e),
      events: [plan.event],
      result: plan.info,
      conditionFailed: plan.conditionFailed,
    }),
  );
}

export const createRecord = <I extends Item>(input: Parameters<typeof planCreate<I>>[0]) =>
  commitPlan(planCreate(input));

export async function loadRecord(kind: RecordEntity, key: Item, what: string): Promise<Item> {
  const { data } = await entity(kind)
    .get({ tenantId: useTenantId(), ...key })
    .go({ consistent: true });
  if (!data) throw notFound(`${what}-not-found`, `No such ${what.replace(/-/g, " ")} in this organisation`);
  return data as Item;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Replace a record's editable fields. Unchanged input is no plan (no empty version); a field given
 * as undefined is removed.
 */
export function planUpdate<I extends Item>(input: {
  kind: RecordEntity;
  recordId: string;
  key: Item;
  before: Item;
  fields: Item;
  info: z.ZodType<I>;
  reason: string;
}): Plan<I> | undefined {
  const tenantId = useTenantId();
  const { before } = input;
  const changed = Object.keys(input.fields).filter((k) => !same(input.fields[k], before[k]));
  if (!changed.length) return undefined;
  const version = (before.version as number) + 1;
  const set: Item = { version };
  const remove: string[] = [];
  for (const k of changed) {
    if (input.fields[k] === undefined) remove.push(k);
    else set[k] = input.fields[k];
  }
  const after = { ...before, ...input.fields, version, changedAt: nowIso(), changedBy: actorId() };
  const info = input.info.parse(after);
  return {
    writes: (e) => {
      let patch = entity(input.kind)
        .patch({ tenantId, ...input.key })
        .set(set);
      if (remove.length) patch = patch.remove(remove);
      return [
        patch.where((a: AnyEntity, op: AnyEntity) => op.eq(a.version, before.version)).commit(),
        e.masterVersion
          .create({
            tenantId,
            kind: input.kind,
            recordId: input.recordId,
            version,
            change: "updated",
            reason: input.reason,
            snapshot: JSON.stringify(info),
          })
          .commit(),
      ];
    },
    event: emit(MasterDataChanged, {
      kind: input.kind,
      recordId: input.recordId,
      code: String(before.code),
      version,
      change: "updated",
    }),
    info,
    reason: input.reason,
    conditionFailed: () =>
      conflict("concurrent-change", "The record was changed by someone else at the same time; reload and retry"),
  };
}

export function updateRecord<I extends Item>(input: Parameters<typeof planUpdate<I>>[0]): Promise<I> {
  const plan = planUpdate(input);
  return plan ? commitPlan(plan) : Promise.resolve(input.info.parse(input.before));
}

/** A record's versions, oldest first, each with the record as it was. */
export async function listVersions<S extends z.ZodType>(kind: RecordEntity, recordId: string, info: S) {
  const { data } = await Db.entities.masterVersion.query
    .byRecord({ tenantId: useTenantId(), kind, recordId })
    .go({ pages: "all" });
  const Version = versionOf(info);
  return data.map((v) =>
    Version.parse({
      version: v.version,
      change: v.change,
      reason: v.reason,
      changedAt: v.changedAt ?? "",
      changedBy: v.changedBy ?? "",
      record: JSON.parse(v.snapshot),
    }),
  );
}

/** The id of the record holding a code, if any (CSV import matches rows to records by code). */
export async function idOfCode(kind: string, code: string): Promise<string | undefined> {
  const { data } = await Db.entities.masterCode.get({ tenantId: useTenantId(), kind, code }).go({ consistent: true });
  return data?.recordId;
}
