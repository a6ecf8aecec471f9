import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Db } from "../db/service.ts";
import { useTenantId } from "../tenancy/context.ts";
import { fn } from "../util/fn.ts";
import { Fields, Info } from "./model/customers.ts";
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
import { ChangeReason, RecordMeta, Status } from "./schema.ts";

export * from "./model/customers.ts";

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
