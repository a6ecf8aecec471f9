import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { requireUser } from "@/auth";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { canShip } from "@/kinds";
import { api } from "@/server/api";
import { CreateShipmentForm } from "./create-form";
import { ShipmentStatus } from "./status";
import { Whereabouts } from "./whereabouts";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.shipping.title };
}

const day = (iso: string | null) => iso?.slice(0, 10) ?? "—";

/** The manufacturer's shipments, newest first, and a form to start one. */
export default async function ShipmentsPage({
  searchParams,
}: {
  searchParams: Promise<{ productId?: string; serialNo?: string }>;
}) {
  const { user } = await requireUser("/shipments");
  const query = await searchParams;
  const { t } = await getI18n();
  const w = t.shipping;
  const shipper = canShip(user);
  const [{ items }, customers, products] = await Promise.all([
    api.shipping.shipments.listShipments(),
    shipper ? api.masterData.customers.list() : Promise.resolve({ items: [] }),
    api.masterData.products.list(),
  ]);
  return (
    <>
      <section className="card">
        <div className="table-wrap">
          <table className="table" data-testid="shipments-table">
            <caption className="table-caption">{format(w.listCaption, { tenant: user.tenantName })}</caption>
            <thead>
              <tr>
                <th scope="col">{w.number}</th>
                <th scope="col">{w.customer}</th>
                <th scope="col">{w.reference}</th>
                <th scope="col">{w.status}</th>
                <th scope="col">{w.devices}</th>
                <th scope="col">{w.created}</th>
                <th scope="col">{w.dispatched}</th>
                <th scope="col">{w.delivered}</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && (
                <tr>
                  <td colSpan={8} className="empty-cell">
                    {w.empty}
                  </td>
                </tr>
              )}
              {items.map((s) => (
                <tr key={s.shipmentId} data-testid="shipment-row" data-status={s.status}>
                  <td>
                    <a href={`/shipments/${s.shipmentId}`}>{s.shipmentNo}</a>
                  </td>
                  <td>{s.customerName}</td>
                  <td>{s.reference ?? "—"}</td>
                  <td>
                    <ShipmentStatus status={s.status} t={w} />
                  </td>
                  <td>{s.lineCount}</td>
                  <td>{day(s.createdAt)}</td>
                  <td>{day(s.dispatchedAt)}</td>
                  <td>{day(s.deliveredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <Whereabouts
        products={products.items
          .filter((p) => p.tracking === "serial")
          .map((p) => ({ productId: p.productId, label: `${p.code} · ${p.name}` }))}
        query={query}
        t={w}
      />
      {shipper && (
        <section className="card admin-create" aria-labelledby="create-shipment-title">
          <h2 id="create-shipment-title" className="card-title">
            {w.create.title}
          </h2>
          <CreateShipmentForm
            customers={customers.items
              .filter((c) => c.status === "active")
              .map((c) => ({
                customerId: c.customerId,
                label: `${c.code} · ${c.name}${c.tenantRef ? ` (${w.create.linked})` : ""}`,
              }))}
            initialKey={randomUUID()}
            t={{ shipping: w, errors: t.errors, fields: t.fields }}
          />
        </section>
      )}
    </>
  );
}
