import "server-only";
import { api } from "@/server/api";
import type { Names } from "./custodian";

/** The master-data names for the ids a trace answers with (the trace itself carries ids). */
export async function traceNames(): Promise<Names> {
  const [warehouses, customers] = await Promise.all([api.masterData.warehouses(), api.masterData.customers()]);
  return {
    warehouses: new Map(warehouses.items.map((w) => [w.warehouseId, `${w.code} · ${w.name}`])),
    customers: new Map(customers.items.map((c) => [c.customerId, c.name])),
  };
}

/** The choices of the trace searches: our materials and our suppliers. */
export async function searchOptions() {
  const [materials, suppliers] = await Promise.all([api.masterData.materials(), api.masterData.suppliers()]);
  return {
    materials: materials.items.map((m) => ({ id: m.materialId, label: `${m.code} · ${m.name}` })),
    suppliers: suppliers.items.map((s) => ({ id: s.supplierId, label: `${s.code} · ${s.name}` })),
  };
}
