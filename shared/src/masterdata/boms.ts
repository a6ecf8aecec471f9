import { z } from "zod";
import { unprocessable } from "../errors/index.ts";
import { fn } from "../util/fn.ts";
import * as Materials from "./materials.ts";
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
import { Content, Info, type Line } from "./schema/boms.ts";

export * from "./schema/boms.ts";

/** Every material exists, is active, and is counted in the unit the line uses (MD-6: no unit mismatches). */
async function checkLines(lines: z.infer<typeof Line>[]) {
  const problems: { position: number; problem: string }[] = [];
  const found = await Promise.all(lines.map((l) => Materials.get({ materialId: l.materialId }).catch(() => undefined)));
  for (const [i, line] of lines.entries()) {
    const material = found[i];
    if (!material) problems.push({ position: line.position, problem: "unknown-material" });
    else if (material.status !== "active") problems.push({ position: line.position, problem: "material-inactive" });
    else if (material.unit !== line.unit) {
      problems.push({ position: line.position, problem: `unit-mismatch: the material is counted in ${material.unit}` });
    }
  }
  if (problems.length) {
    throw unprocessable(
      "invalid-bom-lines",
      `BOM lines refer to materials that cannot be used: ${problems.map((p) => `#${p.position} ${p.problem}`).join("; ")}`,
      { problems },
    );
  }
}

export const create = fn(Content.and(z.object({ productId: z.string() })), async ({ productId, ...body }) => {
  await checkLines(body.lines);
  return draft("bom", productId, body, Info);
});

export const editDraftRevision = fn(
  Content.and(z.object({ productId: z.string(), revision: z.coerce.number().int().min(1) })),
  async ({ productId, revision, ...body }) => {
    await checkLines(body.lines);
    return editDraft("bom", productId, revision, body, Info);
  },
);

export const release = fn(ReleaseInput, (input) =>
  releaseRevision("bom", input, Info, (d) => checkLines(Info.parse(d).lines)),
);

export const list = fn(z.object({ productId: z.string() }), ({ productId }) => listRevisions("bom", productId, Info));

export const get = fn(
  z.object({ productId: z.string(), revision: z.coerce.number().int().min(1) }),
  ({ productId, revision }) => getRevision("bom", productId, revision, Info),
);

/** The BOM a production order for `productId` started on `date` uses. */
export const effectiveAt = fn(EffectiveAtInput, ({ productId, date }) =>
  effectiveRevisionAt("bom", productId, date, Info),
);
