import { Locations, Materials, Warehouses } from "../masterdata/index.ts";
import type { Catalogue } from "./schema.ts";

/**
 * What the inventory forms offer to pick: active warehouses with their locations, and materials
 * with how they are tracked. Read through master data's own functions (one query per warehouse).
 */
export async function catalogue(): Promise<Catalogue> {
  const [warehouses, materials] = await Promise.all([Warehouses.list(), Materials.list()]);
  const active = warehouses.filter((w) => w.status === "active");
  const locations = await Promise.all(active.map((w) => Locations.list({ warehouseId: w.warehouseId })));
  return {
    warehouses: active.map((w, i) => ({
      warehouseId: w.warehouseId,
      code: w.code,
      name: w.name,
      locations: locations[i]!.filter((l) => l.status === "active").map((l) => ({
        locationId: l.locationId,
        code: l.code,
        name: l.name,
        kind: l.kind,
      })),
    })),
    materials: materials
      .filter((m) => m.status === "active")
      .map((m) => ({
        materialId: m.materialId,
        code: m.code,
        name: m.name,
        unit: m.unit,
        tracking: m.tracking,
        shelfLifeDays: m.shelfLifeDays ?? null,
      })),
  };
}
