import { isConditionFailed } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound } from "../errors/index.ts";
import { fn } from "../util/fn.ts";
import { useTenantId } from "./context.ts";
import { TenantInfo } from "./schema.ts";

/** Create the ambient tenant (platform operations and the demo seed run this as a system actor). */
export const create = fn(TenantInfo.pick({ name: true, kind: true, defaultLocale: true }), async (input) => {
  const tenantId = useTenantId();
  try {
    await Db.entities.tenant.create({ tenantId, ...input }).go();
  } catch (e) {
    if (isConditionFailed(e)) {
      throw conflict("tenant-exists", `Tenant ${tenantId} already exists`);
    }
    throw e;
  }
  return getTenant();
});

export async function getTenant(): Promise<TenantInfo> {
  const { data } = await Db.entities.tenant.get({ tenantId: useTenantId() }).go();
  if (!data) throw notFound("tenant-not-found", "No such tenant");
  return TenantInfo.parse(data);
}
