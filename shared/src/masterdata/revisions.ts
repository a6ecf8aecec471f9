import { z } from "zod";
import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound, unprocessable } from "../errors/index.ts";
import { nowIso } from "../ports/clock.ts";
import { actorId, useScope, useTenantId, withScope } from "../tenant/context.ts";
import { RevisionReleased } from "./events.ts";
import * as Products from "./products.ts";
import { IsoDate } from "./schema/fields.ts";
import { RevisionMeta } from "./schema/revisions.ts";

export { RevisionMeta };

/**
 * BOMs and process routes share one life cycle. Each revision of a product's BOM (or route) is its
 * own item: a draft may be edited; releasing it sets its effective-from date and closes the
 * revision effective until then (`effectiveTo` = the new date), in one transaction. A released
 * revision is never edited again, so a production order that snapshotted it stays true.
 * `effectiveAt(date)` is the released revision with effectiveFrom ≤ date < effectiveTo.
 */

type Kind = "bom" | "processRoute";
type Item = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: the two revision entities share the key shape and life cycle
type AnyEntity = any;
const entity = (kind: Kind): AnyEntity => Db.entities[kind];
const what = (kind: Kind) => (kind === "bom" ? "bom" : "route");

async function all(kind: Kind, productId: string): Promise<Item[]> {
  const { data } = await entity(kind)
    .query.byProduct({ tenantId: useTenantId(), productId })
    .go({ pages: "all", consistent: true });
  return data as Item[];
}

async function load(kind: Kind, productId: string, revision: number): Promise<Item> {
  const { data } = await entity(kind).get({ tenantId: useTenantId(), productId, revision }).go({ consistent: true });
  if (!data) throw notFound(`${what(kind)}-revision-not-found`, `No such ${what(kind)} revision for this product`);
  return data as Item;
}

export async function listRevisions<I>(kind: Kind, productId: string, info: z.ZodType<I>): Promise<I[]> {
  await Products.get({ productId });
  return (await all(kind, productId)).map((r) => info.parse(r));
}

export async function getRevision<I>(kind: Kind, productId: string, revision: number, info: z.ZodType<I>) {
  return info.parse(await load(kind, productId, revision));
}

/** A new draft, numbered after the highest revision so far. Two drafting at once: one gets 409. */
export async function draft<I>(kind: Kind, productId: string, body: Item, info: z.ZodType<I>): Promise<I> {
  await Products.get({ productId });
  const revisions = await all(kind, productId);
  const revision = Math.max(0, ...revisions.map((r) => r.revision as number)) + 1;
  const tenantId = useTenantId();
  const now = nowIso();
  const item = { ...body, productId, revision, state: "draft", createdBy: actorId(), createdAt: now };
  const result = info.parse({ ...item, changedAt: now, changedBy: actorId() });
  return commit({
    writes: () => [
      entity(kind)
        .create({ ...item, tenantId })
        .commit(),
    ],
    result,
    conditionFailed: () =>
      conflict("concurrent-change", "Someone drafted a revision of this product at the same time; reload and retry"),
  });
}

/** Replace a draft's content; a released revision is immutable (409 revision-released). */
export async function editDraft<I>(
  kind: Kind,
  productId: string,
  revision: number,
  body: Item,
  info: z.ZodType<I>,
): Promise<I> {
  const before = await load(kind, productId, revision);
  if (before.state !== "draft") throw released(kind, revision);
  const tenantId = useTenantId();
  const result = info.parse({ ...before, ...body, changedAt: nowIso(), changedBy: actorId() });
  return commit({
    writes: () => [
      entity(kind)
        .patch({ tenantId, productId, revision })
        .set(body)
        .where((a: AnyEntity, op: AnyEntity) => op.eq(a.state, "draft"))
        .commit(),
    ],
    result,
    conditionFailed: () => released(kind, revision),
  });
}

const released = (kind: Kind, revision: number) =>
  conflict(
    "revision-released",
    `${what(kind) === "bom" ? "BOM" : "Route"} revision ${revision} is released and can no longer change; draft a new revision`,
  );

export const ReleaseInput = z
  .object({
    productId: z.string(),
    revision: z.coerce.number().int().min(1),
    effectiveFrom: IsoDate,
    reason: z.string().trim().min(3, "say why (at least 3 characters)").max(500),
  })
  .strict();

export async function release<I>(
  kind: Kind,
  input: z.infer<typeof ReleaseInput>,
  info: z.ZodType<I>,
  check: (draft: Item) => Promise<void>,
): Promise<I> {
  const { productId, revision, effectiveFrom, reason } = input;
  const target = await load(kind, productId, revision);
  if (target.state !== "draft") throw released(kind, revision);
  await check(target);
  const current = (await all(kind, productId)).find((r) => r.state === "released" && r.effectiveTo === undefined);
  if (current && (current.effectiveFrom as string) > effectiveFrom) {
    throw unprocessable(
      "effective-before-current",
      `effectiveFrom must be on or after ${current.effectiveFrom}, when revision ${current.revision} took effect`,
    );
  }
  const tenantId = useTenantId();
  const now = nowIso();
  const set = { state: "released", effectiveFrom, releasedBy: actorId(), releasedAt: now, releaseReason: reason };
  const result = info.parse({ ...target, ...set, changedAt: now, changedBy: actorId() });
  return withScope({ ...useScope(), reason }, () =>
    commit({
      writes: () => [
        entity(kind)
          .patch({ tenantId, productId, revision })
          .set(set)
          .where((a: AnyEntity, op: AnyEntity) => op.eq(a.state, "draft"))
          .commit(),
        ...(current
          ? [
              entity(kind)
                .patch({ tenantId, productId, revision: current.revision })
                .set({ effectiveTo: effectiveFrom })
                .where((a: AnyEntity, op: AnyEntity) => op.notExists(a.effectiveTo))
                .commit(),
            ]
          : []),
      ],
      events: [emit(RevisionReleased, { kind: kind === "bom" ? "bom" : "route", productId, revision, effectiveFrom })],
      result,
      conditionFailed: () =>
        conflict("concurrent-change", "Another release of this product happened at the same time; reload and retry"),
    }),
  );
}

export const EffectiveAtInput = z.object({ productId: z.string(), date: IsoDate });

/** The released revision in effect on `date` — what a production order snapshots. */
export async function effectiveAt<I>(kind: Kind, productId: string, date: string, info: z.ZodType<I>): Promise<I> {
  await Products.get({ productId });
  const hit = (await all(kind, productId)).find(
    (r) =>
      r.state === "released" &&
      (r.effectiveFrom as string) <= date &&
      (r.effectiveTo === undefined || date < (r.effectiveTo as string)),
  );
  if (!hit) throw notFound(`no-effective-${what(kind)}`, `No released ${what(kind)} is in effect on ${date}`);
  return info.parse(hit);
}
