import { forbidden } from "next/navigation";
import { requireUser } from "@/auth";
import type { Catalogue, Locale } from "@/i18n";
import { canSeeEdge } from "@/kinds";
import type { EdgeAlert } from "@/server/schemas";

/** The signed-in user, if their kind and roles may see gateways and device data (else the 403 page). */
export async function requireEdgeViewer(returnTo: string) {
  const session = await requireUser(returnTo);
  if (!canSeeEdge(session.user)) forbidden();
  return session;
}

export const dateTime = (locale: Locale) =>
  new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "short", timeStyle: "medium" });

export function StatusBadge({ status, t }: { status: keyof Catalogue["edge"]["statuses"]; t: Catalogue }) {
  return (
    <span className={`badge badge-edge-${status}`} data-status={status}>
      {t.edge.statuses[status]}
    </span>
  );
}

export function AlertTable({
  alerts,
  caption,
  t,
  locale,
}: {
  alerts: EdgeAlert[];
  caption: string;
  t: Catalogue;
  locale: Locale;
}) {
  const fmt = dateTime(locale);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="alerts-table">
        <caption className="table-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.edge.at}</th>
            <th scope="col">{t.edge.device}</th>
            <th scope="col">{t.edge.severity}</th>
            <th scope="col">{t.edge.rule}</th>
            <th scope="col">{t.edge.alertStatus}</th>
            <th scope="col">{t.edge.message}</th>
          </tr>
        </thead>
        <tbody>
          {alerts.length === 0 && (
            <tr>
              <td colSpan={6} className="empty-cell">
                {t.edge.alertsEmpty}
              </td>
            </tr>
          )}
          {alerts.map((a) => (
            <tr key={`${a.alertId}/${a.status}`} data-testid="alert-row" data-severity={a.severity}>
              <td>{fmt.format(a.at)}</td>
              <td>{a.deviceId}</td>
              <td>
                <span className={`badge badge-severity-${a.severity}`}>{a.severity}</span>
              </td>
              <td>{a.rule}</td>
              <td>{a.status === "raised" ? t.edge.raised : t.edge.cleared}</td>
              <td>{a.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
