import { z } from "zod";
import { TenantId } from "../../tenant/schema.ts";
import { ChangeReason, field, Name, RecordMeta, Status, Text } from "./fields.ts";

export const CustomerType = z.enum(["hospital", "clinic", "distributor", "government"]);

export const Info = z.object({
  customerId: field(z.uuid(), "Customer id (server-generated)", "客户 ID（系统生成）"),
  ...RecordMeta,
  name: field(Name, "Customer name", "客户名称"),
  type: field(CustomerType, "Kind of customer", "客户类型"),
  region: field(z.string().trim().min(2).max(60), "Sales / service region", "销售与服务区域"),
  address: field(Text.optional(), "Postal address", "地址"),
  contactEmail: field(z.email().optional(), "Main contact e-mail", "主要联系人邮箱"),
  tenantRef: field(
    TenantId.optional(),
    "The customer's own MedLoop organisation, when it has one (hospital self-service)",
    "客户在 MedLoop 上的组织（如医院自助服务）",
  ),
});
export type Info = z.infer<typeof Info>;

export const Fields = Info.pick({
  name: true,
  type: true,
  region: true,
  address: true,
  contactEmail: true,
  tenantRef: true,
});

/** What creates one: its fields and a code that must be new. */
export const CreateInput = Fields.extend({ code: RecordMeta.code }).strict();
/** What changes one: a new version of its fields and status, with the reason; the code never changes. */
export const UpdateInput = Fields.extend({
  customerId: z.string(),
  status: Status.default("active"),
  ...ChangeReason,
}).strict();
