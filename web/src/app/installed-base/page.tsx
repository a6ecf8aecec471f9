import type { Metadata } from "next";
import { requireUser } from "@/auth";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readOrRefusal } from "@/server/read";
import { WarrantyBadge } from "./warranty";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.installedBase.title };
}

/**
 * "My devices": the hospital's installed base, searchable by serial (prefix) or by scanning a
 * device's UDI label into the search field. A plain GET form: the search is a link that can be shared.
 */
export default async function InstalledBasePage({
  searchParams,
}: {
  searchParams: Promise<{ serial?: string; udi?: string }>;
}) {
  const { user } = await requireUser("/installed-base");
  const { t } = await getI18n();
  const w = t.installedBase;
  const q = await searchParams;
  const search = { serial: q.serial?.trim() || undefined, udi: q.udi?.trim() || undefined };
  const { value, refusal } = await readOrRefusal(t, api.shipping.installedBase.listInstalledBase({ query: search }));
  const items = value?.items ?? [];
  return (
    <>
      <section className="card" aria-labelledby="device-search-title">
        <h2 id="device-search-title" className="card-title">
          {w.search}
        </h2>
        <form method="get" action="/installed-base" className="form" data-testid="device-search">
          <div className="field">
            <label htmlFor="search-serial">{w.searchSerial}</label>
            <input
              id="search-serial"
              name="serial"
              defaultValue={search.serial ?? ""}
              maxLength={20}
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label htmlFor="search-udi">{w.searchUdi}</label>
            <input id="search-udi" name="udi" defaultValue={search.udi ?? ""} maxLength={200} autoComplete="off" />
          </div>
          <button type="submit" className="button button-primary">
            {w.searchSubmit}
          </button>{" "}
          <a href="/installed-base">{w.clear}</a>
        </form>
        {refusal && (
          <p className="alert alert-error" role="alert" data-testid="device-search-error">
            {refusal}
          </p>
        )}
      </section>
      <section className="card">
        <div className="table-wrap">
          <table className="table" data-testid="devices-table">
            <caption className="table-caption">{format(w.caption, { tenant: user.tenantName })}</caption>
            <thead>
              <tr>
                <th scope="col">{w.model}</th>
                <th scope="col">{w.serial}</th>
                <th scope="col">{w.lot}</th>
                <th scope="col">{w.manufacturer}</th>
                <th scope="col">{w.status}</th>
                <th scope="col">{w.warrantyEnd}</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty-cell">
                    {w.empty}
                  </td>
                </tr>
              )}
              {items.map((d) => (
                <tr key={d.installedId} data-testid="device-row" data-serial={d.serialNo} data-status={d.status}>
                  <td>{d.model}</td>
                  <td>
                    <a href={`/installed-base/${d.installedId}`}>{d.serialNo}</a>
                  </td>
                  <td>{d.lotNo ?? w.none}</td>
                  <td>{d.manufacturerName}</td>
                  <td>
                    <span className={`badge ${d.status === "installed" ? "badge-active" : "badge-kind"}`}>
                      {w.statuses[d.status]}
                    </span>
                  </td>
                  <td>
                    {d.warrantyEnd ?? w.none} <WarrantyBadge end={d.warrantyEnd} t={w} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
