import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/auth";
import { Refusal } from "@/components/refusal";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readOrRefusal } from "@/server/read";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.postMarket.notices.title };
}

/** The recall notices manufacturers sent this hospital, those to acknowledge first. */
export default async function RecallNoticesPage() {
  const { user } = await requireUser("/recall-notices");
  const { t, locale } = await getI18n();
  const pm = t.postMarket;
  const w = pm.notices;
  const read = await readOrRefusal(t, api.recalls.recallNotices.listRecallNotices({}));
  if (read.refusal !== undefined) {
    return <Refusal text={read.refusal} />;
  }
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium" });
  const notices = [...read.value.items].sort(
    (a, b) =>
      Number(a.status === "acknowledged") - Number(b.status === "acknowledged") || b.issuedAt.localeCompare(a.issuedAt),
  );
  return (
    <section className="card" aria-labelledby="notices-caption">
      <div className="table-wrap">
        <table className="table" data-testid="notices-table">
          <caption id="notices-caption" className="table-caption">
            {format(w.caption, { tenant: user.tenantName })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{w.manufacturer}</th>
              <th scope="col">{pm.campaigns.class}</th>
              <th scope="col">{pm.campaigns.action}</th>
              <th scope="col">{pm.campaigns.units}</th>
              <th scope="col">{w.issued}</th>
              <th scope="col">{w.status}</th>
            </tr>
          </thead>
          <tbody>
            {notices.length === 0 && (
              <tr>
                <td colSpan={6} className="empty-cell">
                  {w.empty}
                </td>
              </tr>
            )}
            {notices.map((n) => (
              <tr key={n.noticeId} data-testid="notice-row" data-status={n.status}>
                <th scope="row">
                  <Link href={`/recall-notices/${n.noticeId}`} className="cell-name">
                    {n.manufacturerName}
                  </Link>
                </th>
                <td>{n.recallClass}</td>
                <td>{pm.campaigns.actions[n.action]}</td>
                <td>{n.devices.length}</td>
                <td>
                  <time dateTime={n.issuedAt}>{when.format(new Date(n.issuedAt))}</time>
                </td>
                <td>{w.statuses[n.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
