import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/auth";
import { Refusal } from "@/components/refusal";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readOrRefusal } from "@/server/read";
import { nextDue, urgencyOf } from "./clocks";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.quality.tabs.complaints} · ${t.quality.title}` };
}

/** Complaints and adverse events received from hospitals (TR-4), the most urgent reporting clock first. */
export default async function ComplaintCasesPage() {
  const { user } = await requireUser("/quality/complaints");
  const { t, locale } = await getI18n();
  const pm = t.postMarket;
  const w = pm.cases;
  const read = await readOrRefusal(t, api.complaints.complaintsReceived.listComplaintCases({ query: {} }));
  if (read.refusal !== undefined) {
    return <Refusal text={read.refusal} />;
  }
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const now = Date.now();
  const cases = read.value.items
    .map((c) => ({ c, due: nextDue(c.clocks) }))
    .sort((a, b) => (a.due?.dueAt ?? "~").localeCompare(b.due?.dueAt ?? "~") || b.c.awareAt.localeCompare(a.c.awareAt));
  return (
    <section className="card" aria-labelledby="cases-caption">
      <div className="table-wrap">
        <table className="table" data-testid="cases-table">
          <caption id="cases-caption" className="table-caption">
            {format(w.caption, { tenant: user.tenantName })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{w.aware}</th>
              <th scope="col">{w.kind}</th>
              <th scope="col">{w.hospital}</th>
              <th scope="col">{w.device}</th>
              <th scope="col">{w.status}</th>
              <th scope="col">{w.nextDue}</th>
            </tr>
          </thead>
          <tbody>
            {cases.length === 0 && (
              <tr>
                <td colSpan={6} className="empty-cell">
                  {w.empty}
                </td>
              </tr>
            )}
            {cases.map(({ c, due }) => {
              const urgency = due && urgencyOf(due, now);
              return (
                <tr key={c.complaintId} data-testid="case-row" data-status={c.status}>
                  <th scope="row">
                    <Link href={`/quality/complaints/${c.complaintId}`} className="cell-name">
                      {when.format(new Date(c.awareAt))}
                    </Link>
                  </th>
                  <td>{pm.kinds[c.kind]}</td>
                  <td>{c.hospitalName}</td>
                  <td>
                    {c.device.model} · {c.device.serialNo}
                  </td>
                  <td>{w.statuses[c.status]}</td>
                  <td>
                    {due ? (
                      <>
                        <time dateTime={due.dueAt}>{when.format(new Date(due.dueAt))}</time> · {pm.regimes[due.regime]}
                        {urgency && (
                          <span className="badge badge-severity-critical">
                            {" "}
                            {urgency === "overdue" ? w.overdue : w.dueSoon}
                          </span>
                        )}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
