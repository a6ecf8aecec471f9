import type { Metadata } from "next";
import { canOpenRecalls } from "@/app/complaints/access";
import { openRecall } from "@/app/quality/post-market-actions";
import { StepForm } from "@/app/quality/step-form";
import { requireUser } from "@/auth";
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
  const { user } = await requireUser("/trace/forward");
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
      {found && q && rows.length > 0 && canOpenRecalls(user) && (
        <section className="card" aria-labelledby="open-recall-title">
          <h2 id="open-recall-title" className="card-title">
            {t.postMarket.campaigns.open.title}
          </h2>
          <RecallForm t={t} source={q} />
        </section>
      )}
    </>
  );
}

/** The recall decision on this scope: class, action, reason, signed. */
function RecallForm({ t, source }: { t: Awaited<ReturnType<typeof getI18n>>["t"]; source: Record<string, string> }) {
  const w = t.postMarket.campaigns;
  return (
    <StepForm
      action={openRecall}
      hidden={{ ...source, idempotencyKey: crypto.randomUUID() }}
      submit={w.open.submit}
      signed={{ title: w.open.title, meaning: w.open.meaning }}
      testId="open-recall-form"
      t={t}
    >
      <div className="field">
        <label htmlFor="recall-class">{w.class}</label>
        <select id="recall-class" name="recallClass" defaultValue="II">
          {(["I", "II", "III"] as const).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="recall-action">{w.action}</label>
        <select id="recall-action" name="action" defaultValue="correction">
          {(["correction", "removal", "field-safety-notice"] as const).map((a) => (
            <option key={a} value={a}>
              {w.actions[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="recall-reason">{w.reason}</label>
        <textarea id="recall-reason" name="reason" required maxLength={2000} rows={3} />
      </div>
      <div className="field">
        <label htmlFor="recall-complaint">{w.open.complaintRef}</label>
        <input id="recall-complaint" name="complaintRef" maxLength={60} />
      </div>
    </StepForm>
  );
}
