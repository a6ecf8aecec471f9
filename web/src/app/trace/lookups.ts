import "server-only";
import { api } from "@/server/api";
import type { Names } from "./custodian";

/** The names for the ids a trace answers with (the trace itself carries ids). */
export async function traceNames(): Promise<Names> {
  const [warehouses, customers, people] = await Promise.all([
    api.masterData.warehouses.list(),
    api.masterData.customers.list(),
    api.tenantAdmin.people.listPeople(),
  ]);
  return {
    warehouses: new Map(warehouses.items.map((w) => [w.warehouseId, `${w.code} · ${w.name}`])),
    customers: new Map(customers.items.map((c) => [c.customerId, c.name])),
    people: new Map(people.items.map((p) => [p.actor, p.name])),
  };
}

/** The choices of the trace searches: our materials and our suppliers. */
export async function searchOptions() {
  const [materials, suppliers] = await Promise.all([api.masterData.materials.list(), api.masterData.suppliers.list()]);
  return {
    materials: materials.items.map((m) => ({ id: m.materialId, label: `${m.code} · ${m.name}` })),
    suppliers: suppliers.items.map((s) => ({ id: s.supplierId, label: `${s.code} · ${s.name}` })),
  };
}
