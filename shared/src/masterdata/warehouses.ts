import { z } from "zod";
import { Db } from "../db/service.ts";
import { unprocessable } from "../errors/index.ts";
import { uuid } from "../ports/ids.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { createRecord, listVersions, loadRecord, updateRecord } from "./records.ts";
import { CreateInput, Info, UpdateInput } from "./schema/warehouses.ts";
import * as Sites from "./sites.ts";

export * from "./schema/warehouses.ts";

export const create = fn(CreateInput, async (input) => {
  await Sites.mustExist(input.siteId);
  const warehouseId = uuid();
  return createRecord({
    kind: "warehouse",
    recordId: warehouseId,
    codes: [
      {
        kind: "warehouse",
        code: input.code,
        takenCode: "warehouse-code-taken",
        takenMessage: `A warehouse with the code ${input.code} already exists`,
      },
    ],
    item: { ...input, warehouseId },
    info: Info,
  });
});

export const get = fn(z.object({ warehouseId: z.string() }), async ({ warehouseId }) =>
  Info.parse(await loadRecord("warehouse", { warehouseId }, "warehouse")),
);

export async function mustExist(warehouseId: string): Promise<Info> {
  return get({ warehouseId }).catch(() => {
    throw unprocessable("unknown-warehouse", `No warehouse ${warehouseId} in this organisation`);
  });
}

export async function list(): Promise<Info[]> {
  const { data } = await Db.entities.warehouse.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  return data.map((w) => Info.parse(w)).sort((a, b) => a.code.localeCompare(b.code));
}

export const update = fn(UpdateInput, async ({ warehouseId, reason, ...fields }) => {
  const before = await loadRecord("warehouse", { warehouseId }, "warehouse");
  return updateRecord({
    kind: "warehouse",
    recordId: warehouseId,
    key: { warehouseId },
    before,
    fields,
    info: Info,
    reason,
  });
});

export const versions = fn(z.object({ warehouseId: z.string() }), async ({ warehouseId }) => {
  await loadRecord("warehouse", { warehouseId }, "warehouse");
  return listVersions("warehouse", warehouseId, Info);
});
