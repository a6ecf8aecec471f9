import type { z } from "zod";
import { type Catalogue, format } from "@/i18n";
import type { Trace } from "@/server/schemas";

type Custodian = z.infer<typeof Trace.Custodian> | null;

/** Display names of the warehouses, customers and people a trace names by id. */
export interface Names {
  warehouses: Map<string, string>;
  customers: Map<string, string>;
  /** By actor id (`user:…`), as records keep who did what. */
  people: Map<string, string>;
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
