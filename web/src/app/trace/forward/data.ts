import "server-only";
import { api } from "@/server/api";
import { traceNames } from "../lookups";
import type { ForwardQuery } from "./scope";

/** A forward trace with the master-data names its page and its CSV show, read in parallel. */
export async function forwardTrace(q: ForwardQuery) {
  const [trace, names, products] = await Promise.all([
    api.traceability.trace.forward({ query: q }),
    traceNames(),
    api.masterData.products.list(),
  ]);
  return { trace, names, products: new Map(products.items.map((p) => [p.productId, p.code])) };
}
