import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Db } from "../db/service.ts";
import { useTenantId } from "../tenancy/context.ts";
import { TenantId } from "../tenant/schema.ts";
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

export const CreateInput = Fields.extend({ code: RecordMeta.code }).strict();

/** The writes of a new customer (the CSV import commits several in one transaction). */
export function planNew(input: z.infer<typeof CreateInput>) {
  const customerId = randomUUID();
  return planCreate({
    kind: "customer",
    recordId: customerId,
    codes: [
      {
        kind: "customer",
        code: input.code,
        takenCode: "customer-code-taken",
        takenMessage: `A customer with the code ${input.code} already exists`,
      },
    ],
    item: { ...input, customerId },
    info: Info,
  });
}

export const create = fn(CreateInput, (input) => commitPlan(planNew(input)));

export const get = fn(z.object({ customerId: z.string() }), async ({ customerId }) =>
  Info.parse(await loadRecord("customer", { customerId }, "customer")),
);

export async function list(): Promise<Info[]> {
  const { data } = await Db.entities.customer.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  return data.map((c) => Info.parse(c)).sort((a, b) => a.code.localeCompare(b.code));
}

export const update = fn(
  Fields.extend({ customerId: z.string(), status: Status.default("active"), ...ChangeReason }).strict(),
  async ({ customerId, reason, ...fields }) => {
    const before = await loadRecord("customer", { customerId }, "customer");
    return updateRecord({
      kind: "customer",
      recordId: customerId,
      key: { customerId },
      before,
      fields,
      info: Info,
      reason,
    });
  },
);

export const versions = fn(z.object({ customerId: z.string() }), async ({ customerId }) => {
  await loadRecord("customer", { customerId }, "customer");
  return listVersions("customer", customerId, Info);
});

export const byCode = fn(z.object({ code: RecordMeta.code }), async ({ code }) => {
  const id = await idOfCode("customer", code);
  return id ? get({ customerId: id }) : undefined;
});

/** The writes that bring an existing customer to `fields`; undefined when nothing differs. */
export const planChange = (before: Item, fields: Item, reason: string) =>
  planUpdate({
    kind: "customer",
    recordId: before.customerId as string,
    key: { customerId: before.customerId },
    before,
    fields,
    info: Info,
    reason,
  });
