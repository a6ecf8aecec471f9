import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/auth";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { canShip } from "@/kinds";
import { ApiError, api } from "@/server/api";
import { unpickSerial } from "../actions";
import { ShipmentStatus } from "../status";
import { DeliverForm, DispatchForm, PickForm } from "./forms";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.shipping.title };
}

/** One shipment: its picked serials; while picking, the scan form; then dispatch and proof of delivery. */
export default async function ShipmentPage({ params }: { params: Promise<{ shipmentId: string }> }) {
  const { shipmentId } = await params;
  const { user } = await requireUser(`/shipments/${shipmentId}`);
  const { t } = await getI18n();
  const w = t.shipping;
  const d = w.detail;
  const s = await api.shipping.shipments.getShipment({ params: { shipmentId } }).catch((e) => {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) notFound();
    throw e;
  });
  const shipper = canShip(user);
  const words = { shipping: w, errors: t.errors, fields: t.fields };
  const products = shipper && s.status === "picking" ? (await api.masterData.products.list()).items : [];
  return (
    <>
      <p>
        <a href="/shipments">← {d.back}</a>
      </p>
      <section className="card" aria-labelledby="shipment-title" data-testid="shipment-detail">
        <h2 id="shipment-title" className="card-title">
          {s.shipmentNo} <ShipmentStatus status={s.status} t={w} />
        </h2>
        <p>{format(d.to, { customer: s.customerName })}</p>
        <p className="hint">
          {s.custodianTenantId ? format(d.custodian, { tenant: s.custodianTenantId }) : d.noCustodian}
        </p>
        {/* SEC-3: the hospital's MedLoop receives the devices only through a link it accepted. */}
        {s.custodianLink && s.custodianLink !== "accepted" && (
          <p className="alert alert-error" role="status" data-testid="not-linked">
            {format(d.notLinked[s.custodianLink], { customer: s.customerName })}
          </p>
        )}
        {s.reference && (
          <p>
            {w.reference}: {s.reference}
          </p>
        )}
        <div className="table-wrap">
          <table className="table" data-testid="shipment-lines">
            <caption className="table-caption">{d.linesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{d.model}</th>
                <th scope="col">{d.serial}</th>
                <th scope="col">{d.lot}</th>
                <th scope="col">{d.expiry}</th>
                <th scope="col">{d.udi}</th>
                {shipper && s.status === "picking" && <th scope="col">{d.remove}</th>}
              </tr>
            </thead>
            <tbody>
              {s.lines.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty-cell">
                    {d.noLines}
                  </td>
                </tr>
              )}
              {s.lines.map((l) => (
                <tr key={`${l.productId}|${l.serialNo}`} data-testid="shipment-line" data-serial={l.serialNo}>
                  <td>
                    {l.productCode} · {l.model}
                  </td>
                  <td>{l.serialNo}</td>
                  <td>{l.lotNo ?? "—"}</td>
                  <td>{l.expiresOn ?? "—"}</td>
                  <td>
                    <code>{l.udi}</code>
                  </td>
                  {shipper && s.status === "picking" && (
                    <td>
                      <form action={unpickSerial}>
                        <input type="hidden" name="shipmentId" value={s.shipmentId} />
                        <input type="hidden" name="productId" value={l.productId} />
                        <input type="hidden" name="serialNo" value={l.serialNo} />
                        <button
                          type="submit"
                          className="button button-quiet button-small"
                          aria-label={format(d.removeLabel, { serial: l.serialNo })}
                        >
                          {d.remove}
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {shipper && s.status === "picking" && (
        <div className="grid grid-2">
          <section className="card" aria-labelledby="pick-title">
            <h2 id="pick-title" className="card-title">
              {w.pickForm.title}
            </h2>
            <PickForm
              shipmentId={s.shipmentId}
              products={products
                .filter((p) => p.tracking === "serial" && p.status === "active")
                .map((p) => ({ productId: p.productId, label: `${p.code} · ${p.name}` }))}
              initialKey={randomUUID()}
              t={words}
            />
          </section>
          <section className="card" aria-labelledby="dispatch-title">
            <h2 id="dispatch-title" className="card-title">
              {w.dispatchForm.title}
            </h2>
            <DispatchForm shipmentId={s.shipmentId} count={s.lines.length} initialKey={randomUUID()} t={words} />
          </section>
        </div>
      )}
      {shipper && s.status === "dispatched" && (
        <section className="card" aria-labelledby="deliver-title">
          <h2 id="deliver-title" className="card-title">
            {w.deliverForm.title}
          </h2>
          <DeliverForm shipmentId={s.shipmentId} initialKey={randomUUID()} t={words} />
        </section>
      )}
    </>
  );
}
