import { z } from "zod";
import { Db } from "../db/service.ts";
import { unprocessable } from "../errors/index.ts";
import { uuid } from "../ports/ids.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { createRecord, listVersions, loadRecord, updateRecord } from "./records.ts";
import { CreateInput, Info, UpdateInput } from "./schema/sites.ts";

export * from "./schema/sites.ts";

export const create = fn(CreateInput, (input) => {
  const siteId = uuid();
  return createRecord({
    kind: "site",
    recordId: siteId,
    codes: [
      {
        kind: "site",
        code: input.code,
        takenCode: "site-code-taken",
        takenMessage: `A site with the code ${input.code} already exists`,
      },
    ],
    item: { ...input, siteId },
    info: Info,
  });
});

export const get = fn(z.object({ siteId: z.string() }), async ({ siteId }) =>
  Info.parse(await loadRecord("site", { siteId }, "site")),
);

/** A site that a new record refers to in its body: unknown is a 422, not a 404 of the route. */
export async function mustExist(siteId: string): Promise<Info> {
  return get({ siteId }).catch(() => {
    throw unprocessable("unknown-site", `No site ${siteId} in this organisation`);
  });
}

export async function list(): Promise<Info[]> {
  const { data } = await Db.entities.site.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  return data.map((s) => Info.parse(s)).sort((a, b) => a.code.localeCompare(b.code));
}

export const update = fn(UpdateInput, async ({ siteId, reason, ...fields }) => {
  const before = await loadRecord("site", { siteId }, "site");
  return updateRecord({ kind: "site", recordId: siteId, key: { siteId }, before, fields, info: Info, reason });
});

export const versions = fn(z.object({ siteId: z.string() }), async ({ siteId }) => {
  await loadRecord("site", { siteId }, "site");
  return listVersions("site", siteId, Info);
});
