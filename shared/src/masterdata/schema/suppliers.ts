import { z } from "zod";
import { ChangeReason, field, Name, RecordMeta, Status } from "./fields.ts";

/** Approved-supplier-list state; only approved and conditional suppliers may deliver. */
export const Approval = z.enum(["pending", "approved", "conditional", "blocked"]);

export const Info = z.object({
  supplierId: field(z.uuid(), "Supplier id (server-generated)", "供应商 ID（系统生成）"),
  ...RecordMeta,
  name: field(Name, "Supplier name", "供应商名称"),
  country: field(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "an ISO 3166 two-letter country code"),
    "Country (ISO 3166 alpha-2)",
    "国家/地区（ISO 3166 两位代码）",
  ),
  contactEmail: field(z.email().optional(), "Quality contact e-mail", "质量联系人邮箱"),
  approval: field(Approval, "State on the approved supplier list", "合格供方名录状态"),
});
export type Info = z.infer<typeof Info>;

export const Fields = Info.pick({ name: true, country: true, contactEmail: true, approval: true });

/** What creates one: its fields and a code that must be new. */
export const CreateInput = Fields.extend({ code: RecordMeta.code }).strict();
/** What changes one: a new version of its fields and status, with the reason; the code never changes. */
export const UpdateInput = Fields.extend({
  supplierId: z.string(),
  status: Status.default("active"),
  ...ChangeReason,
}).strict();
