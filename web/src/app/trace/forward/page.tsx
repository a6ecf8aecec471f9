import type { Metadata } from "next";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { readOrRefusal } from "@/server/read";
import { searchOptions } from "../lookups";
import { TraceSearch } from "../search";
import { forwardTrace } from "./data";
import { countByWhere, forwardQuery, scopeRows } from "./scope";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.trace.scopeTitle };
}

/** TR-2: the recall scope of a lot — every finished lot and unit it reached, and where each is now. */
export default async function ForwardTracePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { t } = await getI18n();
  const w = t.trace;
  const params = await searchParams;
  const q = forwardQuery(params);
  const [options, read] = await Promise.all([searchOptions(), q ? readOrRefusal(t, forwardTrace(q)) : undefined]);
  const found = read?.value;
  const refusal = read?.refusal;
  const rows = found ? scopeRows(found.trace, t, found.names, found.products) : [];
  return (
    <>
      <TraceSearch t={t} {...options} />
      {refusal && (
        <p className="alert alert-error" role="alert" data-testid="trace-error">
          {refusal}
        </p>
      )}
      {found && q && (
        <section className="card" aria-labelledby="scope-title" data-testid="trace-scope">
          <h2 id="scope-title" className="card-title">
            {w.scopeTitle}
          </h2>
          <p data-testid="scope-summary">
            {format(w.scopeSummary, { lots: found.trace.lots.length, serials: rows.length })}
          </p>
          {rows.length === 0 ? (
            <p>{w.noneAffected}</p>
          ) : (
            <>
              <h3>{w.byCustodian}</h3>
              <ul data-testid="scope-by-where">
                {countByWhere(rows).map(([where, n]) => (
                  <li key={where}>
                    {where}: <strong>{n}</strong>
                  </li>
                ))}
              </ul>
              <p>
                <a href={`/trace/forward/units.csv?${new URLSearchParams(q).toString()}`} download>
                  {w.download}
                </a>
              </p>
              <div className="table-wrap">
                <table className="table" data-testid="scope-lots">
                  <caption>{w.affectedLots}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{w.fgLot}</th>
                      <th scope="col">{w.product}</th>
                      <th scope="col">{w.level}</th>
                      <th scope="col">{w.via}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {found.trace.lots.map((l) => (
                      <tr key={l.orderId}>
                        <td>{l.fgLotNo}</td>
                        <td>{found.products.get(l.productId) ?? l.productId}</td>
                        <td>{l.level}</td>
                        <td>{l.via.lotNo}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="table-wrap">
                <table className="table" data-testid="scope-units">
                  <caption>{w.affectedUnits}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{w.product}</th>
                      <th scope="col">{w.serial}</th>
                      <th scope="col">{w.fgLot}</th>
                      <th scope="col">{w.where}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={`${r.product}-${r.serialNo}`} data-testid="scope-unit" data-serial={r.serialNo}>
                        <td>{r.product}</td>
                        <td>{r.serialNo}</td>
                        <td>{r.fgLotNo}</td>
                        <td>{r.where}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
    </>
  );
}
