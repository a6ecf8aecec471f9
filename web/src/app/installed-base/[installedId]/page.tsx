import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { WarrantyBadge } from "../warranty";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.installedBase.title };
}

/** One device: how it is identified (UDI), its warranty, and whom to call for service. */
export default async function DevicePage({ params }: { params: Promise<{ installedId: string }> }) {
  const { installedId } = await params;
  const { t } = await getI18n();
  const w = t.installedBase;
  const d = w.detail;
  const device = await api.shipping.installedBase.getInstalledDevice({ params: { installedId } }).catch((e) => {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) notFound();
    throw e;
  });
  const rows: [string, string, string][] = [
    ["model", w.model, device.model],
    ["modelNumber", d.modelNumber, device.modelNumber],
    ["serial", w.serial, device.serialNo],
    ["lot", w.lot, device.lotNo ?? w.none],
    ["expiry", d.expiry, device.expiresOn ?? w.none],
    ["udiDi", d.udiDi, device.udiDi],
    ["udi", d.udi, device.udiHri],
    // The element string's GS separators shown as the scanner's <GS>.
    ["udiRaw", d.udiRaw, device.udi.replaceAll("\u001d", "<GS>")],
    ["shipped", d.shipped, device.shippedAt.slice(0, 10)],
    ["delivered", d.delivered, device.deliveredAt?.slice(0, 10) ?? w.none],
  ];
  return (
    <>
      <p>
        <a href="/installed-base">← {d.back}</a>
      </p>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="identity-title" data-testid="device-detail">
          <h2 id="identity-title" className="card-title">
            {d.identity}{" "}
            <span className={`badge ${device.status === "installed" ? "badge-active" : "badge-kind"}`}>
              {w.statuses[device.status]}
            </span>
          </h2>
          <dl className="facts">
            {rows.map(([key, label, value]) => (
              <div key={key} data-testid={`fact-${key}`}>
                <dt>{label}</dt>
                <dd>{key.startsWith("udi") ? <code>{value}</code> : value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="card" aria-labelledby="warranty-title">
          <h2 id="warranty-title" className="card-title">
            {d.warranty} <WarrantyBadge end={device.warrantyEnd} t={w} />
          </h2>
          <p data-testid="warranty">
            {device.warrantyStart && device.warrantyEnd
              ? format(d.warrantyValue, {
                  months: device.warrantyMonths ?? 0,
                  start: device.warrantyStart,
                  end: device.warrantyEnd,
                })
              : d.noWarranty}
          </p>
          <h2 className="card-title">{d.service}</h2>
          <dl className="facts">
            <div>
              <dt>{w.manufacturer}</dt>
              <dd>{device.manufacturerName}</dd>
            </div>
            <div>
              <dt>{d.serviceContact}</dt>
              <dd data-testid="service-contact">{device.serviceContact ?? w.none}</dd>
            </div>
          </dl>
        </section>
      </div>
    </>
  );
}
