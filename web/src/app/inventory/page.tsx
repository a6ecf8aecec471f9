import type { Metadata } from "next";
import { errorMessage, format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { namesOf } from "./names";
import { StatusBadges } from "./status-badge";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.inventory.title };
}

/** Stock of one warehouse by location and lot, with expiry and hold status; then safety stock. */
export default async function StockPage({ searchParams }: { searchParams: Promise<{ warehouseId?: string }> }) {
  const { t } = await getI18n();
  const w = t.inventory;
  const { warehouseId } = await searchParams;
  try {
    const catalogue = await api.inventory.stock.catalogue();
    const names = namesOf(catalogue);
    const current = catalogue.warehouses.find((x) => x.warehouseId === warehouseId) ?? catalogue.warehouses[0];
    if (!current) return <p className="empty-state">{w.noWarehouses}</p>;
    const [{ items }, safety] = await Promise.all([
      api.inventory.stock.stock({ query: { warehouseId: current.warehouseId } }),
      // Not every role may see thresholds; the stock table stands on its own.
      api.inventory.safetyStock
        .safetyStocks()
        .catch((e) => (e instanceof ApiError && e.status === 403 ? null : Promise.reject(e))),
    ]);
    return (
      <>
        <ul className="chips" aria-label={w.warehouse}>
          {catalogue.warehouses.map((x) => (
            <li key={x.warehouseId} className={x.warehouseId === current.warehouseId ? "chip chip-public" : "chip"}>
              <a href={`/inventory?warehouseId=${x.warehouseId}`}>
                {x.code} · {x.name}
              </a>
            </li>
          ))}
        </ul>
        <section className="card">
          <div className="table-wrap">
            <table className="table" data-testid="stock-table">
              <caption className="table-caption">{format(w.stockCaption, { warehouse: current.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{w.location}</th>
                  <th scope="col">{w.material}</th>
                  <th scope="col">{w.lot}</th>
                  <th scope="col">{w.serial}</th>
                  <th scope="col">{w.expiry}</th>
                  <th scope="col">{w.status}</th>
                  <th scope="col">{w.onHand}</th>
                  <th scope="col">{w.reserved}</th>
                  <th scope="col">{w.available}</th>
                </tr>
              </thead>
              <tbody>
                {items.length === 0 && (
                  <tr>
                    <td colSpan={9} className="empty-cell">
                      {w.empty}
                    </td>
                  </tr>
                )}
                {items.map((b) => (
                  <tr
                    key={`${b.locationId}|${b.materialId}|${b.lotNo}|${b.serialNo}`}
                    data-testid="stock-row"
                    data-lot={b.lotNo}
                    data-status={b.lotStatus}
                  >
                    <td>{names.location(b.locationId)}</td>
                    <td>{names.material(b.materialId)}</td>
                    <td>
                      <a href={`/inventory/lots/${b.materialId}/${encodeURIComponent(b.lotNo)}`}>{b.lotNo}</a>
                    </td>
                    <td>{b.serialNo ?? w.none}</td>
                    <td>{b.expiresOn ?? w.none}</td>
                    <td>
                      <StatusBadges lotStatus={b.lotStatus} expired={b.expired} expiresOn={b.expiresOn} t={w} />
                    </td>
                    <td>{b.onHand}</td>
                    <td>{b.reserved}</td>
                    <td>{b.available}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        {safety && (
          <section className="card" aria-labelledby="safety-title">
            <h2 id="safety-title" className="card-title">
              {w.safety.title}
            </h2>
            <p className="hint">{w.safety.intro}</p>
            <table className="table" data-testid="safety-table">
              <thead>
                <tr>
                  <th scope="col">{w.material}</th>
                  <th scope="col">{w.safety.threshold}</th>
                  <th scope="col">{w.available}</th>
                  <th scope="col">{w.status}</th>
                </tr>
              </thead>
              <tbody>
                {safety.items.length === 0 && (
                  <tr>
                    <td colSpan={4} className="empty-cell">
                      {w.safety.empty}
                    </td>
                  </tr>
                )}
                {safety.items.map((s) => (
                  <tr key={s.materialId} data-testid="safety-row" data-below={s.below}>
                    <td>{names.material(s.materialId)}</td>
                    <td>{s.threshold}</td>
                    <td>{s.available}</td>
                    <td>
                      <span className={`badge ${s.below ? "badge-disabled" : "badge-active"}`}>
                        {s.below ? w.safety.below : w.safety.ok}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </>
    );
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return (
      <p className="alert alert-error" role="alert">
        {errorMessage(t, e.code, e.message)}
      </p>
    );
  }
}
