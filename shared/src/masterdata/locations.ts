import { z } from "zod";
import { Db } from "../db/service.ts";
import { uuid } from "../ports/ids.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { createRecord, listVersions, loadRecord, updateRecord } from "./records.ts";
import { CreateInput, Info, UpdateInput } from "./schema/locations.ts";
import * as Warehouses from "./warehouses.ts";

export * from "./schema/locations.ts";

/** Location codes are unique per warehouse, so the uniqueness namespace names the warehouse. */
const codeKind = (warehouseId: string) => `location:${warehouseId}`;

export const create = fn(CreateInput, async (input) => {
  await Warehouses.get({ warehouseId: input.warehouseId });
  const locationId = uuid();
  return createRecord({
    kind: "location",
    recordId: locationId,
    codes: [
      {
        kind: codeKind(input.warehouseId),
        code: input.code,
        takenCode: "location-code-taken",
        takenMessage: `The warehouse already has a location with the code ${input.code}`,
      },
    ],
    item: { ...input, locationId },
    info: Info,
  });
});

export const get = fn(z.object({ warehouseId: z.string(), locationId: z.string() }), async (key) =>
  Info.parse(await loadRecord("location", key, "location")),
);

/** Locations of one warehouse, by code. */
export const list = fn(z.object({ warehouseId: z.string() }), async ({ warehouseId }) => {
  await Warehouses.get({ warehouseId });
  const { data } = await Db.entities.location.query
    .byWarehouse({ tenantId: useTenantId(), warehouseId })
    .go({ pages: "all" });
  return data.map((l) => Info.parse(l)).sort((a, b) => a.code.localeCompare(b.code));
});

export const update = fn(UpdateInput, async ({ warehouseId, locationId, reason, ...fields }) => {
  const key = { warehouseId, locationId };
  const before = await loadRecord("location", key, "location");
  return updateRecord({ kind: "location", recordId: locationId, key, before, fields, info: Info, reason });
});

export const versions = fn(z.object({ warehouseId: z.string(), locationId: z.string() }), async (key) => {
  await loadRecord("location", key, "location");
  return listVersions("location", key.locationId, Info);
});
