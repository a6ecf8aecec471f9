import { z } from "zod";
import { field, Name, RecordMeta } from "../schema.ts";

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
