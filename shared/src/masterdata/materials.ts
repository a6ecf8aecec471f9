import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Db } from "../db/service.ts";
import { useTenantId } from "../tenancy/context.ts";
import { fn } from "../util/fn.ts";
import {
  commitPlan,
  type Item,
  idOfCode,
  listVersions,
  loadRecord,
  planCreate,
  planUpdate,
  updateRecord,
} from "./records.ts";
import { ChangeReason, field, Name, RecordMeta, Status, Text } from "./schema.ts";

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

const taken = (code: string) => ({
  kind: "material",
  code,
  takenCode: "material-code-taken",
  takenMessage: `A material with the code ${code} already exists`,
});

export const CreateInput = Fields.extend({ code: RecordMeta.code }).strict();

/** The writes of a new material (the CSV import commits several in one transaction). */
export function planNew(input: z.infer<typeof CreateInput>) {
  const materialId = randomUUID();
  return planCreate({
    kind: "material",
    recordId: materialId,
    codes: [taken(input.code)],
    item: { ...input, materialId },
    info: Info,
  });
}

export const create = fn(CreateInput, (input) => commitPlan(planNew(input)));

export const get = fn(z.object({ materialId: z.string() }), async ({ materialId }) =>
  Info.parse(await loadRecord("material", { materialId }, "material")),
);

/** All materials of the organisation, by code. */
export async function list(): Promise<Info[]> {
  const { data } = await Db.entities.material.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  return data.map((m) => Info.parse(m)).sort((a, b) => a.code.localeCompare(b.code));
}

/** Replace the editable fields; the code never changes (other records and labels refer to it). */
export const update = fn(
  Fields.extend({ materialId: z.string(), status: Status.default("active"), ...ChangeReason }).strict(),
  async ({ materialId, reason, ...fields }) => {
    const before = await loadRecord("material", { materialId }, "material");
    return updateRecord({
      kind: "material",
      recordId: materialId,
      key: { materialId },
      before,
      fields,
      info: Info,
      reason,
    });
  },
);

export const versions = fn(z.object({ materialId: z.string() }), async ({ materialId }) => {
  await loadRecord("material", { materialId }, "material");
  return listVersions("material", materialId, Info);
});

export const byCode = fn(z.object({ code: RecordMeta.code }), async ({ code }) => {
  const id = await idOfCode("material", code);
  return id ? get({ materialId: id }) : undefined;
});

/** The writes that bring an existing material to `fields`; undefined when nothing differs. */
export const planChange = (before: Item, fields: Item, reason: string) =>
  planUpdate({
    kind: "material",
    recordId: before.materialId as string,
    key: { materialId: before.materialId },
    before,
    fields,
    info: Info,
    reason,
  });
