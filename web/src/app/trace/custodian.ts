import { type Catalogue, format } from "@/i18n";

export type Custodian = {
  state: string;
  warehouseId: string | null;
  shipmentId: string | null;
  customerId: string | null;
  custodianTenantId: string | null;
} | null;

export interface Names {
  warehouses: Map<string, string>;
  customers: Map<string, string>;
}

/** Master-data names for the ids a trace answers with (the trace itself carries ids). */
export async function namesFor(api: {
  masterData: {
    warehouses(): Promise<{ items: { warehouseId: string; code: string; name: string }[] }>;
    customers(): Promise<{ items: { customerId: string; code: string; name: string }[] }>;
  };
}): Promise<Names> {
  const [warehouses, customers] = await Promise.all([api.masterData.warehouses(), api.masterData.customers()]);
  return {
    warehouses: new Map(warehouses.items.map((w) => [w.warehouseId, `${w.code} · ${w.name}`])),
    customers: new Map(customers.items.map((c) => [c.customerId, c.name])),
  };
}

const stateWord = (t: Pick<Catalogue, "trace">, state: string) =>
  Object.hasOwn(t.trace.state, state) ? t.trace.state[state as keyof Catalogue["trace"]["state"]] : state;

/**
 * Where a unit is now, in words: a warehouse, or the customer it was shipped to; a unit that never
 * reached stock (scrapped, in process) is said by its own state.
 */
export function custodianText(t: Pick<Catalogue, "trace">, c: Custodian, names: Names, unitState?: string): string {
  if (!c) return unitState ? stateWord(t, unitState) : t.trace.custodianNone;
  if (c.customerId) {
    return format(t.trace.shippedTo, {
      customer: names.customers.get(c.customerId) ?? c.customerId,
      state: stateWord(t, c.state),
    });
  }
  if (c.warehouseId && c.state === "in-stock") {
    return format(t.trace.inStock, { warehouse: names.warehouses.get(c.warehouseId) ?? c.warehouseId });
  }
  return stateWord(t, c.state);
}
