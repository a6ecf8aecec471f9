import { z } from "zod";
import { Db } from "../db/service.ts";
import { unprocessable } from "../errors/index.ts";
import { uuid } from "../ports/ids.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { createRecord, listVersions, loadRecord, updateRecord } from "./records.ts";
import { CreateInput, Info, UpdateInput } from "./schema/work-centres.ts";
import * as Sites from "./sites.ts";

export * from "./schema/work-centres.ts";

export const create = fn(CreateInput, async (input) => {
  await Sites.mustExist(input.siteId);
  const workCentreId = uuid();
  return createRecord({
    kind: "workCentre",
    recordId: workCentreId,
    codes: [
      {
        kind: "work-centre",
        code: input.code,
        takenCode: "work-centre-code-taken",
        takenMessage: `A work centre with the code ${input.code} already exists`,
      },
    ],
    item: { ...input, workCentreId },
    info: Info,
  });
});

export const get = fn(z.object({ workCentreId: z.string() }), async ({ workCentreId }) =>
  Info.parse(await loadRecord("workCentre", { workCentreId }, "work-centre")),
);

export async function mustExist(workCentreId: string): Promise<Info> {
  return get({ workCentreId }).catch(() => {
    throw unprocessable("unknown-work-centre", `No work centre ${workCentreId} in this organisation`);
  });
}

export async function list(): Promise<Info[]> {
  const { data } = await Db.entities.workCentre.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  return data.map((w) => Info.parse(w)).sort((a, b) => a.code.localeCompare(b.code));
}

export const update = fn(UpdateInput, async ({ workCentreId, reason, ...fields }) => {
  const before = await loadRecord("workCentre", { workCentreId }, "work-centre");
  return updateRecord({
    kind: "workCentre",
    recordId: workCentreId,
    key: { workCentreId },
    before,
    fields,
    info: Info,
    reason,
  });
});

export const versions = fn(z.object({ workCentreId: z.string() }), async ({ workCentreId }) => {
  await loadRecord("workCentre", { workCentreId }, "work-centre");
  return listVersions("workCentre", workCentreId, Info);
});
