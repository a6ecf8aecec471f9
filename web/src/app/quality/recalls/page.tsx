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
  return { title: `${t.quality.tabs.recalls} · ${t.quality.title}` };
}

/** Recall campaigns (TR-4), open ones first. A campaign is opened from a lot's recall scope (Traceability). */
export default async function RecallCampaignsPage() {
  const { user } = await requireUser("/quality/recalls");
  const { t, locale } = await getI18n();
  const w = t.postMarket.campaigns;
  const read = await readOrRefusal(t, api.recalls.recallCampaigns.listRecallCampaigns({ query: {} }));
  if (read.refusal !== undefined) {
    return <Refusal text={read.refusal} />;
  }
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium" });
  const campaigns = [...read.value.items].sort(
    (a, b) => Number(a.status === "closed") - Number(b.status === "closed") || b.openedAt.localeCompare(a.openedAt),
  );
  return (
    <section className="card" aria-labelledby="campaigns-caption">
      <div className="table-wrap">
        <table className="table" data-testid="campaigns-table">
          <caption id="campaigns-caption" className="table-caption">
            {format(w.caption, { tenant: user.tenantName })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{w.opened}</th>
              <th scope="col">{w.class}</th>
              <th scope="col">{w.action}</th>
              <th scope="col">{w.reason}</th>
              <th scope="col">{w.units}</th>
              <th scope="col">{w.status}</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.length === 0 && (
              <tr>
                <td colSpan={6} className="empty-cell">
                  {w.empty}
                </td>
              </tr>
            )}
            {campaigns.map((c) => (
              <tr key={c.campaignId} data-testid="campaign-row" data-status={c.status}>
                <th scope="row">
                  <Link href={`/quality/recalls/${c.campaignId}`} className="cell-name">
                    {when.format(new Date(c.openedAt))}
                  </Link>
                </th>
                <td>{c.recallClass}</td>
                <td>{w.actions[c.action]}</td>
                <td>{c.reason}</td>
                <td>{format(w.closedUnits, { closed: c.closedUnits, units: c.units })}</td>
                <td>{w.statuses[c.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
