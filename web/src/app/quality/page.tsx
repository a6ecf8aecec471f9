import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/auth";
import { Refusal } from "@/components/refusal";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readOrRefusal } from "@/server/read";
import { GradeBadge } from "./grade-badge";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.quality.title };
}

const FILTERS = ["open", "acknowledged", "closed", "all"] as const;
type Filter = (typeof FILTERS)[number];

/** The alert inbox (EW-2): open alerts by default, earliest deadline first, as the API orders them. */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { user } = await requireUser("/quality");
  const { t, locale } = await getI18n();
  const q = t.quality;
  const wanted = (await searchParams).status;
  const filter: Filter = FILTERS.includes(wanted as Filter) ? (wanted as Filter) : "open";
  const read = await readOrRefusal(
    t,
    api.earlyWarning.warningAlerts.listWarningAlerts({ query: filter === "all" ? {} : { status: filter } }),
  );
  if (read.refusal !== undefined) {
    return <Refusal text={read.refusal} />;
  }
  const alerts = read.value.items;
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const now = Date.now();
  return (
    <section className="card" aria-labelledby="alerts-caption">
      <nav aria-label={q.showing}>
        <ul className="tabs">
          {FILTERS.map((f) => (
            <li key={f}>
              <Link
                className="tab"
                href={f === "open" ? "/quality" : `/quality?status=${f}`}
                aria-current={f === filter ? "page" : undefined}
              >
                {q.filters[f]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="table-wrap">
        <table className="table" data-testid="alerts-table">
          <caption id="alerts-caption" className="table-caption">
            {format(q.caption, { tenant: user.tenantName })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{q.grade}</th>
              <th scope="col">{q.rule}</th>
              <th scope="col">{q.subject}</th>
              <th scope="col">{q.fired}</th>
              <th scope="col">{q.deadline}</th>
              <th scope="col">{q.owner}</th>
              <th scope="col">{q.status}</th>
            </tr>
          </thead>
          <tbody>
            {alerts.length === 0 && (
              <tr>
                <td colSpan={7} className="empty-cell">
                  {q.empty}
                </td>
              </tr>
            )}
            {alerts.map((a) => {
              const overdue = a.status === "open" && Date.parse(a.deadline) < now;
              return (
                <tr key={a.alertId} data-testid="alert-row" data-alert={a.alertId} data-status={a.status}>
                  <td>
                    <GradeBadge grade={a.grade} t={q} />
                  </td>
                  <th scope="row">
                    <Link href={`/quality/alerts/${a.alertId}`} className="cell-name">
                      {a.ruleName}
                    </Link>
                  </th>
                  <td>{a.subject}</td>
                  <td>{format(q.times, { count: a.count, when: when.format(new Date(a.lastSeenAt)) })}</td>
                  <td>
                    <time dateTime={a.deadline}>{when.format(new Date(a.deadline))}</time>
                    {overdue && <span className="badge badge-severity-critical"> {q.overdue}</span>}
                  </td>
                  <td>
                    {a.assignee}
                    {a.level > 0 && <p className="hint">{format(q.level, { level: a.level })}</p>}
                  </td>
                  <td>{q.statuses[a.status]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
