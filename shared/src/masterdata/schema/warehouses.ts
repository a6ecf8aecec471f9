import { z } from "zod";
import { ChangeReason, field, Name, RecordMeta, Status } from "./fields.ts";

/** What a warehouse holds; quarantine stock is not available for issue. */
export const WarehousePurpose = z.enum([
  "raw-material",
  "work-in-progress",
  "finished-goods",
  "quarantine",
  "spare-parts",
  "returns",
]);

export const Info = z.object({
  warehouseId: field(z.uuid(), "Warehouse id (server-generated)", "仓库 ID（系统生成）"),
  ...RecordMeta,
  siteId: field(z.uuid(), "The site the warehouse belongs to", "所属厂区"),
  name: field(Name, "Warehouse name", "仓库名称"),
  purpose: field(WarehousePurpose, "What the warehouse holds", "仓库用途"),
});
export type Info = z.infer<typeof Info>;

export const Fields = Info.pick({ name: true, purpose: true });

/** What creates one: its fields and a code that must be new (and what it names on creation). */
export const CreateInput = Fields.extend({ code: RecordMeta.code, siteId: z.uuid() }).strict();
/** What changes one: a new version of its fields and status, with the reason; the code never changes. */
export const UpdateInput = Fields.extend({
  warehouseId: z.string(),
  status: Status.default("active"),
  ...ChangeReason,
}).strict();
