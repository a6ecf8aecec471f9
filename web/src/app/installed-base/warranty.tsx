import type { Catalogue } from "@/i18n";

/** Under warranty until its last day (inclusive); nothing shown before delivery starts it. */
export function WarrantyBadge({ end, t }: { end: string | null; t: Catalogue["installedBase"] }) {
  if (!end) return null;
  const running = new Date().toISOString().slice(0, 10) <= end;
  return (
    <span className={`badge ${running ? "badge-active" : "badge-disabled"}`} data-testid="warranty-badge">
      {running ? t.underWarranty : t.outOfWarranty}
    </span>
  );
}
