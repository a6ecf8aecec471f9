import type { z } from "zod";
import type { Catalogue } from "@/i18n";
import type { Trace } from "@/server/schemas";
import { custodianText, type Names } from "../custodian";

export type ForwardQuery = { materialId: string; lotNo: string } | { supplierId: string; supplierLotNo: string };

/** The query a forward trace was asked with, if complete (one of the two forms). */
export function forwardQuery(q: Record<string, string | undefined>): ForwardQuery | undefined {
  const v = (k: string) => q[k]?.trim() || undefined;
  const materialId = v("materialId");
  const lotNo = v("lotNo");
  if (materialId && lotNo) return { materialId, lotNo };
  const supplierId = v("supplierId");
  const supplierLotNo = v("supplierLotNo");
  if (supplierId && supplierLotNo) return { supplierId, supplierLotNo };
  return undefined;
}

type Forward = z.infer<typeof Trace.Forward>;

/** The affected units with their product code and where each is now, in words. */
export function scopeRows(trace: Forward, t: Pick<Catalogue, "trace">, names: Names, products: Map<string, string>) {
  return trace.serials.map((s) => ({
    product: products.get(s.productId) ?? s.productId,
    serialNo: s.serialNo,
    fgLotNo: s.fgLotNo,
    where: custodianText(t, s.custodian, names, s.state),
  }));
}

/** How many affected units are where: what a recall coordinator plans the calls by. */
export function countByWhere(rows: { where: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.where, (counts.get(r.where) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The affected units as CSV (RFC 4180), headed in the user's language. */
export function scopeCsv(rows: ReturnType<typeof scopeRows>, t: Pick<Catalogue, "trace">): string {
  const w = t.trace;
  const lines = [
    [w.product, w.serial, w.fgLot, w.where],
    ...rows.map((r) => [r.product, r.serialNo, r.fgLotNo, r.where]),
  ];
  return `${lines.map((l) => l.map(cell).join(",")).join("\r\n")}\r\n`;
}
