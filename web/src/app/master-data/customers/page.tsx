import type { Metadata } from "next";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { DataTable, loadOr, StatusBadge } from "../ui";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.md.tabs.customers} · ${t.md.title}` };
}

export default async function CustomersPage() {
  const { t } = await getI18n();
  const result = await loadOr(t, () => api.masterData.customers.list());
  if ("error" in result) return result.error;
  const c = t.md.col;
  return (
    <>
      <p className="lead">{t.md.lead.customers}</p>
      <DataTable
        testId="customers-table"
        caption={t.md.tabs.customers}
        head={[c.code, c.name, c.type, c.region, c.organisation, c.status]}
        empty={t.md.empty}
        rows={result.data.items.map((x) => ({
          key: x.customerId,
          attrs: { "data-code": x.code },
          cells: [x.code, x.name, x.type, x.region, x.tenantRef ?? "", <StatusBadge key="s" status={x.status} t={t} />],
        }))}
      />
    </>
  );
}
