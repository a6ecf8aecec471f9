import type { Metadata } from "next";
import Link from "next/link";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { DataTable, loadOr, StatusBadge } from "../ui";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.md.tabs.products} · ${t.md.title}` };
}

export default async function ProductsPage() {
  const { t } = await getI18n();
  const result = await loadOr(t, () => api.masterData.products.list());
  if ("error" in result) return result.error;
  const c = t.md.col;
  return (
    <>
      <p className="lead">{t.md.lead.products}</p>
      <DataTable
        testId="products-table"
        caption={t.md.tabs.products}
        head={[c.code, c.name, c.udiDi, c.deviceClass, c.model, c.tracking, c.version, c.status]}
        empty={t.md.empty}
        rows={result.data.items.map((p) => ({
          key: p.productId,
          attrs: { "data-code": p.code },
          cells: [
            <Link key="code" href={`/master-data/products/${p.productId}`}>
              {p.code}
            </Link>,
            p.name,
            <code key="udi">{p.udiDi}</code>,
            p.deviceClass,
            `${p.modelNumber} · ${p.modelVersion}`,
            p.tracking,
            p.version,
            <StatusBadge key="s" status={p.status} t={t} />,
          ],
        }))}
      />
    </>
  );
}
