import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/auth";
import { Refusal } from "@/components/refusal";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readOrRefusal } from "@/server/read";
import { ownerWords } from "../owner";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.quality.tabs.capas} · ${t.quality.title}` };
}

/** The CAPA board (QM-2): every CAPA, earliest due first, overdue ones marked. */
export default async function CapasPage() {
  const { user } = await requireUser("/quality/capas");
  const { t, locale } = await getI18n();
  const w = t.quality.capa;
  const read = await readOrRefusal(t, api.quality.capas.listCapas({ query: {} }));
  if (read.refusal !== undefined) {
    return <Refusal text={read.refusal} />;
  }
  const day = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium" });
  return (
    <section className="card" aria-labelledby="capas-caption">
      <div className="table-wrap">
        <table className="table" data-testid="capa-table">
          <caption id="capas-caption" className="table-caption">
            {format(w.caption, { tenant: user.tenantName })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{w.number}</th>
              <th scope="col">{w.title}</th>
              <th scope="col">{w.kind}</th>
              <th scope="col">{w.owner}</th>
              <th scope="col">{w.due}</th>
              <th scope="col">{w.status}</th>
            </tr>
          </thead>
          <tbody>
            {read.value.items.length === 0 && (
              <tr>
                <td colSpan={6} className="empty-cell">
                  {w.empty}
                </td>
              </tr>
            )}
            {read.value.items.map((c) => (
              <tr key={c.capaId} data-testid="capa-row" data-capa={c.capaId} data-status={c.status}>
                <th scope="row">
                  <Link href={`/quality/capas/${c.capaId}`} className="cell-name">
                    {c.capaNo}
                  </Link>
                </th>
                <td>{c.title}</td>
                <td>{w.kinds[c.kind]}</td>
                <td>{ownerWords(c.owner, t)}</td>
                <td>
                  <time dateTime={c.dueOn}>{day.format(new Date(`${c.dueOn}T12:00:00Z`))}</time>
                  {c.overdue && <span className="badge badge-severity-critical"> {w.overdue}</span>}
                </td>
                <td>{w.statuses[c.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
