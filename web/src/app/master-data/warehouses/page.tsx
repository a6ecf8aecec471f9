import type { Metadata } from "next";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { DataTable, loadOr } from "../ui";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.md.tabs.warehouses} · ${t.md.title}` };
}

/** Each warehouse with its locations. */
export default async function WarehousesPage() {
  const { t } = await getI18n();
  const result = await loadOr(t, async () => {
    const warehouses = (await api.masterData.warehouses.list()).items;
    const locations = await Promise.all(
      warehouses.map((w) => api.masterData.locations.listLocations({ params: { warehouseId: w.warehouseId } })),
    );
    return warehouses.map((w, i) => ({ ...w, locations: locations[i]!.items }));
  });
  if ("error" in result) return result.error;
  const c = t.md.col;
  return (
    <>
      <p className="lead">{t.md.lead.warehouses}</p>
      {result.data.length === 0 && <p className="hint">{t.md.empty}</p>}
      {result.data.map((w) => (
        <div key={w.warehouseId} data-testid="warehouse" data-code={w.code}>
          <h2 className="card-title">
            {w.code} · {w.name} <span className="tag">{w.purpose}</span>
          </h2>
          <DataTable
            testId="locations-table"
            caption={`${c.locations} · ${w.code}`}
            head={[c.code, c.name, c.kind]}
            empty={t.md.empty}
            rows={w.locations.map((l) => ({ key: l.locationId, cells: [l.code, l.name, l.kind] }))}
          />
        </div>
      ))}
    </>
  );
}
