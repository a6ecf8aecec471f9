import { z } from "zod";
import { field } from "./fields.ts";
import { Unit } from "./materials.ts";
import { RevisionMeta } from "./revisions.ts";

export const Line = z.object({
  position: field(z.number().int().min(1).max(9999), "Line position", "行号"),
  materialId: field(z.uuid(), "The material consumed", "所用物料"),
  quantity: field(z.number().positive().max(1e6), "Quantity per unit of the product", "单台用量"),
  unit: field(Unit, "Unit of the quantity: must be the material's unit", "用量单位（须与物料单位一致）"),
  note: field(z.string().trim().max(200).optional(), "Reference designator or remark", "位号或备注"),
});

export const Info = z.object({ ...RevisionMeta, lines: field(z.array(Line), "Material lines", "物料行") });
export type Info = z.infer<typeof Info>;

/** A revision's content: what a draft is created or edited with. */
export const Content = z
  .object({ note: RevisionMeta.note, lines: z.array(Line).min(1, "a BOM needs at least one line").max(300) })
  .refine((b) => new Set(b.lines.map((l) => l.position)).size === b.lines.length, {
    message: "positions must be unique",
    path: ["lines"],
  });
