import { z } from "zod";
import { ChangeReason, field, Name, RecordMeta, Status, Text } from "./fields.ts";

/** Closed lists, not free text: "no synonyms" (MD-2) — "pcs", "PCS" and "pieces" would be three units. */
export const MaterialCategory = z.enum([
  "electronic",
  "mechanical",
  "raw-material",
  "sub-assembly",
  "packaging",
  "label",
  "consumable",
  "software",
]);
export const Unit = z.enum(["pcs", "set", "m", "mm", "kg", "g", "l", "ml", "roll", "sheet"]);
export const Tracking = z.enum(["lot", "serial", "none"]);

export const Info = z.object({
  materialId: field(z.uuid(), "Material id (server-generated)", "物料 ID（系统生成）"),
  ...RecordMeta,
  name: field(Name, "Material name", "物料名称"),
  category: field(
    MaterialCategory,
    "Material category; certificate scopes can name it",
    "物料类别，可作为资质证书范围",
  ),
  unit: field(
    Unit,
    "Unit of measure that stock and BOM quantities are counted in",
    "计量单位，库存与 BOM 用量均按此计",
  ),
  tracking: field(
    Tracking,
    "Whether stock is tracked by lot, by serial number or not at all",
    "追溯方式：批次、序列号或不追溯",
  ),
  shelfLifeDays: field(
    z.number().int().min(1).max(36500).optional(),
    "Shelf life in days from manufacture; lots expire after it",
    "保质期（天），批次据此计算失效日期",
  ),
  specification: field(Text.optional(), "Drawing number, grade or other specification", "规格、图号或等级"),
});
export type Info = z.infer<typeof Info>;

export const Fields = Info.pick({
  name: true,
  category: true,
  unit: true,
  tracking: true,
  shelfLifeDays: true,
  specification: true,
});

/** What creates one: its fields and a code that must be new. */
export const CreateInput = Fields.extend({ code: RecordMeta.code }).strict();
/** What changes one: a new version of its fields and status, with the reason; the code never changes. */
export const UpdateInput = Fields.extend({
  materialId: z.string(),
  status: Status.default("active"),
  ...ChangeReason,
}).strict();
