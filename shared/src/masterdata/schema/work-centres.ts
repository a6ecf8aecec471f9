import { z } from "zod";
import { ChangeReason, field, Name, RecordMeta, Status } from "./fields.ts";

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

/** What creates one: its fields and a code that must be new (and what it names on creation). */
export const CreateInput = Fields.extend({ code: RecordMeta.code, siteId: z.uuid() }).strict();
/** What changes one: a new version of its fields and status, with the reason; the code never changes. */
export const UpdateInput = Fields.extend({
  workCentreId: z.string(),
  status: Status.default("active"),
  ...ChangeReason,
}).strict();
