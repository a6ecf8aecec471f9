import { z } from "zod";
import { field, Name, RecordMeta } from "../schema.ts";

export const WorkCentreKind = z.enum([
  "assembly-line",
  "cell",
  "test-bench",
  "inspection",
  "packaging",
  "sterilisation",
]);

export const Info = z.object({
  workCentreId: field(z.uuid(), "Work centre id (server-generated)", "工作中心 ID（系统生成）"),
  ...RecordMeta,
  siteId: field(z.uuid(), "The site the work centre is in", "所属厂区"),
  name: field(Name, "Work centre name", "工作中心名称"),
  kind: field(WorkCentreKind, "Kind of work centre", "工作中心类型"),
});
export type Info = z.infer<typeof Info>;

export const Fields = Info.pick({ name: true, kind: true });
