import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Db } from "../db/service.ts";
import { useTenantId } from "../tenancy/context.ts";
import { fn } from "../util/fn.ts";
import { Fields, Info } from "./model/suppliers.ts";
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

export * from "./model/suppliers.ts";

export const CreateInput = Fields.extend({ code: RecordMeta.code }).strict();

/** The writes of a new supplier (the CSV import commits several in one transaction). */
export function planNew(input: z.infer<typeof CreateInput>) {
  const supplierId = randomUUID();
  return planCreate({
    kind: "supplier",
    recordId: supplierId,
    codes: [
      {
        kind: "supplier",
        code: input.code,
        takenCode: "supplier-code-taken",
        takenMessage: `A supplier with the code ${input.code} already exists`,
      },
    ],
    item: { ...input, supplierId },
    info: Info,
  });
}

export const create = fn(CreateInput, (input) => commitPlan(planNew(input)));

export const get = fn(z.object({ supplierId: z.string() }), async ({ supplierId }) =>
  Info.parse(await loadRecord("supplier", { supplierId }, "supplier")),
);

export async function list(): Promise<Info[]> {
  const { data } = await Db.entities.supplier.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  return data.map((s) => Info.parse(s)).sort((a, b) => a.code.localeCompare(b.code));
}

export const update = fn(
  Fields.extend({ supplierId: z.string(), status: Status.default("active"), ...ChangeReason }).strict(),
  async ({ supplierId, reason, ...fields }) => {
    const before = await loadRecord("supplier", { supplierId }, "supplier");
    return updateRecord({
      kind: "supplier",
      recordId: supplierId,
      key: { supplierId },
      before,
      fields,
      info: Info,
      reason,
    });
  },
);

export const versions = fn(z.object({ supplierId: z.string() }), async ({ supplierId }) => {
  await loadRecord("supplier", { supplierId }, "supplier");
  return listVersions("supplier", supplierId, Info);
});

export const byCode = fn(z.object({ code: RecordMeta.code }), async ({ code }) => {
  const id = await idOfCode("supplier", code);
  return id ? get({ supplierId: id }) : undefined;
});

/** The writes that bring an existing supplier to `fields`; undefined when nothing differs. */
export const planChange = (before: Item, fields: Item, reason: string) =>
  planUpdate({
    kind: "supplier",
    recordId: before.supplierId as string,
    key: { supplierId: before.supplierId },
    before,
    fields,
    info: Info,
    reason,
  });
