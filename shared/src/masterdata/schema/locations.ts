import { z } from "zod";
import { ChangeReason, field, Name, RecordMeta, Status } from "./fields.ts";

export const LocationKind = z.enum(["bin", "shelf", "rack", "floor", "cold-store", "quarantine"]);

export const Info = z.object({
  locationId: field(z.uuid(), "Location id (server-generated)", "库位 ID（系统生成）"),
  warehouseId: field(z.uuid(), "The warehouse the location is in", "所属仓库"),
  ...RecordMeta,
  code: field(RecordMeta.code, "Location code, unique within its warehouse", "库位编码，在所属仓库内唯一"),
  name: field(Name, "Location name", "库位名称"),
  kind: field(LocationKind, "Kind of storage place", "库位类型"),
});
export type Info = z.infer<typeof Info>;

export const Fields = Info.pick({ name: true, kind: true });

/** What creates a location in a warehouse: its fields and a code that must be new there. */
export const CreateInput = Fields.extend({ warehouseId: z.string(), code: RecordMeta.code }).strict();
/** What changes one: a new version of its fields and status, with the reason; the code never changes. */
export const UpdateInput = Fields.extend({
  warehouseId: z.string(),
  locationId: z.string(),
  status: Status.default("active"),
  ...ChangeReason,
}).strict();
