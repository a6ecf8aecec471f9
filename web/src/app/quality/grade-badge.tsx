import type { Catalogue } from "@/i18n";

type Grade = keyof Catalogue["quality"]["grades"];
const CLASS: Record<Grade, string> = {
  info: "badge-severity-info",
  warning: "badge-severity-warning",
  critical: "badge-severity-critical",
};

/** An alert's or task's grade, worded and coloured the same everywhere. */
export function GradeBadge({ grade, t }: { grade: Grade; t: Catalogue["quality"] }) {
  return (
    <span className={`badge ${CLASS[grade]}`} data-grade={grade}>
      {t.grades[grade]}
    </span>
  );
}
