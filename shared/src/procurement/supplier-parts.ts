import { commit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict } from "../errors/index.ts";
import * as Materials from "../masterdata/materials.ts";
import * as Suppliers from "../masterdata/suppliers.ts";
import { useTenantId } from "../tenant/context.ts";
import { fn } from "../util/fn.ts";
import { referenced } from "./references.ts";
import { type SupplierPart, SupplierPartInput, SupplierPartsQuery } from "./schema.ts";

/**
 * Which material a supplier's label means: its GTIN (the DI of a UDI) mapped to our material. A
 * GTIN names one trade item worldwide, so it maps to one material and one supplier here.
 */
const view = (p: { gtin: string; materialId: string; supplierId: string; supplierPartNo?: string }): SupplierPart => ({
  gtin: p.gtin,
  materialId: p.materialId,
  supplierId: p.supplierId,
  supplierPartNo: p.supplierPartNo ?? null,
});

export const create = fn(SupplierPartInput, async (input): Promise<SupplierPart> => {
  await referenced(() => Materials.get({ materialId: input.materialId }), "unknown-material", "No such material");
  await referenced(() => Suppliers.get({ supplierId: input.supplierId }), "unknown-supplier", "No such supplier");
  const item = { tenantId: useTenantId(), ...input };
  return commit({
    writes: (e) => [e.supplierPart.create(item).commit()],
    result: view(item),
    conditionFailed: () => conflict("gtin-taken", `GTIN ${input.gtin} is already mapped to a material`),
  });
});

export async function byGtin(gtin: string): Promise<SupplierPart | undefined> {
  const { data } = await Db.entities.supplierPart.get({ tenantId: useTenantId(), gtin }).go();
  return data ? view(data) : undefined;
}

export const list = fn(SupplierPartsQuery, async ({ supplierId }) => {
  const { data } = await Db.entities.supplierPart.query.byTenant({ tenantId: useTenantId() }).go({ pages: "all" });
  return data.filter((p) => !supplierId || p.supplierId === supplierId).map(view);
});
