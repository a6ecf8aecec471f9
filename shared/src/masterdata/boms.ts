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
  RevisionMeta,
  release as releaseRevision,
} from "./revisions.ts";
import { field } from "./schema.ts";

export const Line = z.object({
  position: field(z.number().int().min(1).max(9999), "Line position", "行号"),
  materialId: field(z.uuid(), "The material consumed", "所用物料"),
  quantity: field(z.number().positive().max(1e6), "Quantity per unit of the product", "单台用量"),
  unit: field(Materials.Unit, "Unit of the quantity: must be the material's unit", "用量单位（须与物料单位一致）"),
  note: field(z.string().trim().max(200).optional(), "Reference designator or remark", "位号或备注"),
});

export const Info = z.object({ ...RevisionMeta, lines: field(z.array(Line), "Material lines", "物料行") });
export type Info = z.infer<typeof Info>;

const Content = z
  .object({ note: RevisionMeta.note, lines: z.array(Line).min(1, "a BOM needs at least one line").max(300) })
  .refine((b) => new Set(b.lines.map((l) => l.position)).size === b.lines.length, {
    message: "positions must be unique",
    path: ["lines"],
  });

/** Every material exists, is active, and is counted in the unit the line uses (MD-6: no unit mismatches). */
async function checkLines(lines: z.infer<typeof Line>[]) {
  const problems: { position: number; problem: string }[] = [];
  for (const line of lines) {
    const material = await Materials.get({ materialId: line.materialId }).catch(() => undefined);
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
