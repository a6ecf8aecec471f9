import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { errorMessage } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { AlertTable, requireEdgeViewer } from "../../shared";
import { LiveChart } from "./live-chart";

export async function generateMetadata({ params }: { params: Promise<{ deviceId: string }> }): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${decodeURIComponent((await params).deviceId)} · ${t.edge.chart.title}` };
}

const SPAN_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

/** One device: its live signal chart and its alerts. */
export default async function DevicePage({ params }: { params: Promise<{ deviceId: string }> }) {
  const deviceId = decodeURIComponent((await params).deviceId);
  await requireEdgeViewer(`/edge/devices/${encodeURIComponent(deviceId)}`);
  const { t, locale } = await getI18n();
  const now = Date.now();
  let windows: Awaited<ReturnType<typeof api.telemetry.devices.deviceWindows>>;
  let alerts: Awaited<ReturnType<typeof api.telemetry.alerts.listAlerts>>;
  try {
    [windows, alerts] = await Promise.all([
      api.telemetry.devices.deviceWindows({ params: { deviceId }, query: { from: now - SPAN_MS, to: now } }),
      api.telemetry.alerts.listAlerts({ query: { from: now - DAY_MS, to: now, deviceId } }),
    ]);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) notFound();
    if (!(e instanceof ApiError)) throw e;
    return (
      <div className="page">
        <h1 className="page-title">{deviceId}</h1>
        <p className="alert alert-error" role="alert">
          {errorMessage(t, e.code, e.message)}
        </p>
      </div>
    );
  }
  return (
    <div className="page" data-testid="device-page">
      <div className="page-header">
        <p className="eyebrow">
          <Link href="/edge">{t.edge.chart.back}</Link>
        </p>
        <h1 className="page-title">{deviceId}</h1>
      </div>
      <LiveChart
        deviceId={deviceId}
        initial={{ items: windows.items, at: now }}
        words={t.edge.chart}
        locale={locale === "zh" ? "zh-CN" : "en-GB"}
      />
      <section className="card edge-card" aria-labelledby="device-alerts-title">
        <h2 id="device-alerts-title" className="card-title">
          {t.edge.chart.deviceAlerts}
        </h2>
        <AlertTable alerts={alerts.items} caption={t.edge.alertsCaption} t={t} locale={locale} />
      </section>
    </div>
  );
}
