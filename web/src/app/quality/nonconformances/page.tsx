import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/auth";
import { Refusal } from "@/components/refusal";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readOrRefusal } from "@/server/read";
import { canRaiseNc } from "../access";
import { raiseNc } from "../record-actions";
import { StepForm } from "../step-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.quality.tabs.ncs} · ${t.quality.title}` };
}

const SEVERITIES = ["minor", "major", "critical"] as const;
const SOURCES = ["line", "inspection", "supplier", "complaint", "audit"] as const;
const KINDS = ["lot", "serial", "product", "material", "supplier", "process-parameter", "device", "other"] as const;

/** The nonconformance register (QM-2), newest first, and the form to report one. */
export default async function NonconformancesPage() {
  const { user } = await requireUser("/quality/nonconformances");
  const { t, locale } = await getI18n();
  const q = t.quality;
  const w = q.nc;
  const read = await readOrRefusal(t, api.quality.nonconformances.listNonconformances({ query: {} }));
  if (read.refusal !== undefined) {
    return <Refusal text={read.refusal} />;
  }
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium" });
  return (
    <div className="stack">
      <section className="card" aria-labelledby="ncs-caption">
        <div className="table-wrap">
          <table className="table" data-testid="nc-table">
            <caption id="ncs-caption" className="table-caption">
              {format(w.caption, { tenant: user.tenantName })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{w.number}</th>
                <th scope="col">{w.title}</th>
                <th scope="col">{w.severity}</th>
                <th scope="col">{w.subject}</th>
                <th scope="col">{w.source}</th>
                <th scope="col">{w.raised}</th>
                <th scope="col">{w.status}</th>
                <th scope="col">{w.capa}</th>
              </tr>
            </thead>
            <tbody>
              {read.value.items.length === 0 && (
                <tr>
                  <td colSpan={8} className="empty-cell">
                    {w.empty}
                  </td>
                </tr>
              )}
              {read.value.items.map((nc) => (
                <tr key={nc.ncId} data-testid="nc-row" data-nc={nc.ncId} data-status={nc.status}>
                  <th scope="row">
                    <Link href={`/quality/nonconformances/${nc.ncId}`} className="cell-name">
                      {nc.ncNo}
                    </Link>
                  </th>
                  <td>{nc.title}</td>
                  <td>{q.severities[nc.severity]}</td>
                  <td>
                    {q.subjectKinds[nc.subject.kind as keyof typeof q.subjectKinds] ?? nc.subject.kind}: {nc.subject.id}
                  </td>
                  <td>{w.sources[nc.source.kind as keyof typeof w.sources] ?? nc.source.kind}</td>
                  <td>
                    <time dateTime={nc.raisedAt}>{when.format(new Date(nc.raisedAt))}</time>
                  </td>
                  <td>{w.statuses[nc.status]}</td>
                  <td>{nc.capaId ? <Link href={`/quality/capas/${nc.capaId}`}>{q.capa.number}</Link> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {canRaiseNc(user) && (
        <section className="card" aria-labelledby="report-title">
          <details className="disclosure">
            <summary id="report-title" className="button">
              {w.report}
            </summary>
            <StepForm
              action={raiseNc}
              hidden={{ idempotencyKey: crypto.randomUUID() }}
              submit={w.submit}
              testId="nc-report"
              t={t}
            >
              <div className="field">
                <label htmlFor="nc-title">{w.title}</label>
                <input id="nc-title" name="title" required minLength={3} maxLength={200} />
              </div>
              <div className="field">
                <label htmlFor="nc-description">{w.description}</label>
                <textarea id="nc-description" name="description" required minLength={5} maxLength={4000} rows={3} />
              </div>
              <div className="field">
                <label htmlFor="nc-severity">{w.severity}</label>
                <select id="nc-severity" name="severity" required defaultValue="minor">
                  {SEVERITIES.map((s) => (
                    <option key={s} value={s}>
                      {q.severities[s]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="nc-source">{w.source}</label>
                <select id="nc-source" name="sourceKind" required defaultValue="line">
                  {SOURCES.map((s) => (
                    <option key={s} value={s}>
                      {w.sources[s]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="nc-reference">{w.reference}</label>
                <input id="nc-reference" name="reference" required maxLength={200} />
              </div>
              <div className="field">
                <label htmlFor="nc-subject-kind">{w.subject}</label>
                <select id="nc-subject-kind" name="subjectKind" required defaultValue="lot">
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {q.subjectKinds[k]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="nc-subject-id">{w.subjectId}</label>
                <input id="nc-subject-id" name="subjectId" required maxLength={200} />
              </div>
              <div className="field">
                <label htmlFor="nc-quantity">{w.quantity}</label>
                <input id="nc-quantity" name="quantity" type="number" min={0} step={1} />
              </div>
            </StepForm>
          </details>
        </section>
      )}
    </div>
  );
}
