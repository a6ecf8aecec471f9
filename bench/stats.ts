/** Percentiles by nearest rank over the raw samples (autocannon's own histogram has no p95). */
export function percentiles(samples: number[], ps = [50, 95, 99]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  return Object.fromEntries(ps.map((p) => [`p${p}`, at(p)])) as Record<string, number>;
}

export const median = (xs: number[]) => percentiles(xs, [50]).p50!;

export function table(rows: Record<string, string | number>[]) {
  const cols = Object.keys(rows[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join("  ");
  return [
    line(cols),
    line(width.map((w) => "-".repeat(w))),
    ...rows.map((r) => line(cols.map((c) => String(r[c])))),
  ].join("\n");
}
