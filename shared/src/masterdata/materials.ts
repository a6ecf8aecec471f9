import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Db } from "../db/service.ts";
import { useTenantId } from "../tenancy/context.ts";
import { fn } from "../util/fn.ts";
import { Fields, Info } from "./model/materials.ts";
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

export * from "./model/materials.ts";

const taken = (code: string) => ({
  kind: "material",
  code,
  takenCode: "material-code-taken",
  takenMessage: `A material with the code ${code} already exists`,
});

export const CreateInput = Fields.extend({ code: RecordMeta.code }).strict();

/** The writes of a new material (the CSV import commits several in one transaction). */
export function planNew(input: z.infer<typeof CreateInput>) {
  const materialId = randomUUID();
  return planCreate({
    kind: "material",
    recordId: materialId,
    codes: [taken(input.code)],
    item: { ...input, materialId },
    info: Info,
  });
}

export const create = fn(CreateInput, (input) => commitPlan(planNew(input)));

export const get = fn(z.object({ materialId: z.string() }), async ({ materialId }) =>
  Info.parse(await loadRecord("material", { materialId }, "material")),
);

/** All materials of the organisation, by code. */
export async function list(): Promise<Info[]> {
  const { data } = await Db.entities.material.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  return data.map((m) => Info.parse(m)).sort((a, b) => a.code.localeCompare(b.code));
}

/** Replace the editable fields; the code never changes (other records and labels refer to it). */
export const update = fn(
  Fields.extend({ materialId: z.string(), status: Status.default("active"), ...ChangeReason }).strict(),
  async ({ materialId, reason, ...fields }) => {
    const before = await loadRecord("material", { materialId }, "material");
    return updateRecord({
      kind: "material",
      recordId: materialId,
      key: { materialId },
      before,
      fields,
      info: Info,
      reason,
    });
  },
);

export const versions = fn(z.object({ materialId: z.string() }), async ({ materialId }) => {
  await loadRecord("material", { materialId }, "material");
  return listVersions("material", materialId, Info);
});

export const byCode = fn(z.object({ code: RecordMeta.code }), async ({ code }) => {
  const id = await idOfCode("material", code);
  return id ? get({ materialId: id }) : undefined;
});

/** The writes that bring an existing material to `fields`; undefined when nothing differs. */
export const planChange = (before: Item, fields: Item, reason: string) =>
  planUpdate({
    kind: "material",
    recordId: before.materialId as string,
    key: { materialId: before.materialId },
    before,
    fields,
    info: Info,
    reason,
  });
