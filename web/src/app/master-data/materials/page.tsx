import type { Metadata } from "next";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { DataTable, loadOr, StatusBadge } from "../ui";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.md.tabs.materials} · ${t.md.title}` };
}

export default async function MaterialsPage() {
  const { t } = await getI18n();
  const result = await loadOr(t, () => api.masterData.materials.list());
  if ("error" in result) return result.error;
  const c = t.md.col;
  return (
    <>
      <p className="lead">{t.md.lead.materials}</p>
      <DataTable
        testId="materials-table"
        caption={t.md.tabs.materials}
        head={[c.code, c.name, c.category, c.unit, c.tracking, c.shelfLife, c.version, c.status]}
        empty={t.md.empty}
        rows={result.data.items.map((m) => ({
          key: m.materialId,
          attrs: { "data-code": m.code },
          cells: [
            m.code,
            m.name,
            m.category,
            m.unit,
            m.tracking,
            m.shelfLifeDays ?? "",
            m.version,
            <StatusBadge key="s" status={m.status} t={t} />,
          ],
        }))}
      />
    </>
  );
}
