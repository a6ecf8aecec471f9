/** A reporting clock's urgency on the page: overdue, due within two days, or running. */
export function urgencyOf(
  clock: { dueAt: string; submittedAt: string | null },
  now: number,
): "overdue" | "due-soon" | undefined {
  if (clock.submittedAt) return undefined;
  const left = Date.parse(clock.dueAt) - now;
  return left < 0 ? "overdue" : left < 2 * 86_400_000 ? "due-soon" : undefined;
}

/** The earliest clock still running, if any. */
export const nextDue = <C extends { dueAt: string; submittedAt: string | null }>(clocks: C[]): C | undefined =>
  clocks.filter((c) => !c.submittedAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
