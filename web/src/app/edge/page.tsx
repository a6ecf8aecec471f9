import type { Metadata } from "next";
import Link from "next/link";
import { errorMessage, format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { AlertTable, dateTime, requireEdgeViewer, StatusBadge } from "./shared";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.edge.title };
}

const DAY_MS = 86_400_000;

/** The organisation's gateways and devices with their status, and the last day's alerts (EDGE-1…5). */
export default async function EdgePage() {
  const { user } = await requireEdgeViewer("/edge");
  const { t, locale } = await getI18n();
  const now = Date.now();
  let data: Awaited<ReturnType<typeof load>>;
  try {
    data = await load(now);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return (
      <div className="page">
        <h1 className="page-title">{t.edge.title}</h1>
        <p className="alert alert-error" role="alert">
          {errorMessage(t, e.code, e.message)}
        </p>
      </div>
    );
  }
  const fmt = dateTime(locale);
  const seen = (at: number | undefined) => (at === undefined ? t.edge.never : fmt.format(at));
  const gatewayNames = new Map(data.gateways.map((g) => [g.thingName, g.name]));

  return (
    <div className="page" data-testid="edge-page">
      <div className="page-header">
        <p className="eyebrow">{user.tenantName}</p>
        <h1 className="page-title">{t.edge.title}</h1>
        <p className="lead">{format(t.edge.intro, { tenant: user.tenantName })}</p>
      </div>

      <section className="card edge-card" aria-labelledby="gateways-title">
        <h2 id="gateways-title" className="card-title">
          {t.edge.gateways}
        </h2>
        <div className="table-wrap">
          <table className="table" data-testid="gateways-table">
            <caption className="table-caption">{format(t.edge.gatewaysCaption, { tenant: user.tenantName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t.edge.name}</th>
                <th scope="col">{t.edge.status}</th>
                <th scope="col">{t.edge.lastSeen}</th>
                <th scope="col">{t.edge.config}</th>
              </tr>
            </thead>
            <tbody>
              {data.gateways.length === 0 && (
                <tr>
                  <td colSpan={4} className="empty-cell">
                    {t.edge.gatewaysEmpty}
                  </td>
                </tr>
              )}
              {data.gateways.map((g) => (
                <tr key={g.thingName} data-testid="gateway-row" data-thing={g.thingName} data-status={g.status}>
                  <th scope="row" className="cell-user">
                    <span className="cell-name">{g.name}</span>
                    <span className="cell-email">{g.thingName}</span>
                  </th>
                  <td>
                    <StatusBadge status={g.status} t={t} />
                  </td>
                  <td>{seen(g.lastSeenAt)}</td>
                  <td>
                    {format(t.edge.configValue, {
                      applied: g.appliedConfigVersion ?? 0,
                      pushed: g.configVersion,
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card edge-card" aria-labelledby="devices-title">
        <h2 id="devices-title" className="card-title">
          {t.edge.devices}
        </h2>
        <div className="table-wrap">
          <table className="table" data-testid="devices-table">
            <caption className="table-caption">{t.edge.devicesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.edge.device}</th>
                <th scope="col">{t.edge.gateway}</th>
                <th scope="col">{t.edge.status}</th>
                <th scope="col">{t.edge.lastSeen}</th>
                <th scope="col">{t.edge.latest}</th>
                <th scope="col">{t.edge.openAlerts}</th>
              </tr>
            </thead>
            <tbody>
              {data.devices.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty-cell">
                    {t.edge.devicesEmpty}
                  </td>
                </tr>
              )}
              {data.devices.map((d) => (
                <tr key={d.deviceId} data-testid="device-row" data-device={d.deviceId} data-status={d.status}>
                  <th scope="row" className="cell-user">
                    <Link href={`/edge/devices/${encodeURIComponent(d.deviceId)}`} className="cell-name">
                      {d.name ?? d.deviceId}
                    </Link>
                    {/* The id is unique in this organisation only: its name and place are what people know it by. */}
                    <span className="cell-email" data-testid="device-identity">
                      {[
                        d.name && d.deviceId,
                        t.edge.deviceTypes[d.type as keyof typeof t.edge.deviceTypes] ?? d.type,
                        d.location,
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </span>
                  </th>
                  <td>{gatewayNames.get(d.thingName) ?? d.thingName}</td>
                  <td>
                    <StatusBadge status={d.status} t={t} />
                  </td>
                  <td>{seen(d.lastSeenAt)}</td>
                  <td className="cell-values">
                    {Object.entries(d.lastValues)
                      .map(([s, v]) => `${s} ${Math.round(v * 100) / 100}`)
                      .join(" · ")}
                  </td>
                  <td>{d.openAlerts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card edge-card" aria-labelledby="alerts-title">
        <h2 id="alerts-title" className="card-title">
          {t.edge.alerts}
        </h2>
        <AlertTable alerts={data.alerts} caption={t.edge.alertsCaption} t={t} locale={locale} />
      </section>
    </div>
  );
}

async function load(now: number) {
  const [gateways, devices, alerts] = await Promise.all([
    api.telemetry.gateways.listGateways(),
    api.telemetry.devices.listDevices(),
    api.telemetry.alerts.listAlerts({ query: { from: now - DAY_MS, to: now } }),
  ]);
  const collator = new Intl.Collator("en", { numeric: true });
  return {
    gateways: gateways.items.sort((a, b) => collator.compare(a.name, b.name)),
    devices: devices.items.sort((a, b) => collator.compare(a.deviceId, b.deviceId)),
    alerts: alerts.items,
  };
}
