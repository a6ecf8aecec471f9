import { z } from "zod";
import { unprocessable } from "../errors/index.ts";
import { fn } from "../util/fn.ts";
import {
  draft,
  EffectiveAtInput,
  editDraft,
  effectiveAt as effectiveRevisionAt,
  getRevision,
  listRevisions,
  ReleaseInput,
  release as releaseRevision,
} from "./revisions.ts";
import { Content, Info, type Operation } from "./schema/process-routes.ts";
import * as WorkCentres from "./work-centres.ts";

export * from "./schema/process-routes.ts";

async function checkWorkCentres(operations: z.infer<typeof Operation>[]) {
  const found = await Promise.all(
    operations.map((op) => WorkCentres.get({ workCentreId: op.workCentreId }).catch(() => undefined)),
  );
  const unknown = operations.filter((_, i) => found[i]?.status !== "active").map((op) => op.sequence);
  if (unknown.length) {
    throw unprocessable(
      "unknown-work-centre",
      `Operations ${unknown.join(", ")} name a work centre that does not exist or is inactive`,
      { sequences: unknown },
    );
  }
}

export const create = fn(Content.and(z.object({ productId: z.string() })), async ({ productId, ...body }) => {
  await checkWorkCentres(body.operations);
  return draft("processRoute", productId, body, Info);
});

export const editDraftRevision = fn(
  Content.and(z.object({ productId: z.string(), revision: z.coerce.number().int().min(1) })),
  async ({ productId, revision, ...body }) => {
    await checkWorkCentres(body.operations);
    return editDraft("processRoute", productId, revision, body, Info);
  },
);

export const release = fn(ReleaseInput, (input) =>
  releaseRevision("processRoute", input, Info, (d) => checkWorkCentres(Info.parse(d).operations)),
);

export const list = fn(z.object({ productId: z.string() }), ({ productId }) =>
  listRevisions("processRoute", productId, Info),
);

export const get = fn(
  z.object({ productId: z.string(), revision: z.coerce.number().int().min(1) }),
  ({ productId, revision }) => getRevision("processRoute", productId, revision, Info),
);

/** The route a production order for `productId` started on `date` follows. */
export const effectiveAt = fn(EffectiveAtInput, ({ productId, date }) =>
  effectiveRevisionAt("processRoute", productId, date, Info),
);
