import type { Metadata } from "next";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readOrRefusal } from "@/server/read";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.procurement.orders };
}

/** The organisation's purchase orders, newest first, with what was ordered and received. */
export default async function OrdersPage() {
  const { t } = await getI18n();
  const w = t.procurement;
  const read = await readOrRefusal(t, api.procurement.purchaseOrders.list());
  if (read.refusal !== undefined) {
    return (
      <p className="alert alert-error" role="alert">
        {read.refusal}
      </p>
    );
  }
  const { items } = read.value;
  return (
    <section className="card">
      <div className="table-wrap">
        <table className="table" data-testid="po-table">
          <caption className="table-caption">{w.orders}</caption>
          <thead>
            <tr>
              <th scope="col">{w.number}</th>
              <th scope="col">{w.supplier}</th>
              <th scope="col">{w.status}</th>
              <th scope="col">{w.ordered}</th>
              <th scope="col">{w.received}</th>
              <th scope="col">{w.created}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr>
                <td colSpan={6} className="empty-cell">
                  {w.empty}
                </td>
              </tr>
            )}
            {items.map((o) => (
              <tr key={o.poId} data-testid="po-row" data-status={o.status} data-supplier={o.supplierCode}>
                <td>
                  <a href={`/procurement/${o.poId}`}>{o.number}</a>
                </td>
                <td>
                  {o.supplierCode} · {o.supplierName}
                </td>
                <td>{w.statuses[o.status]}</td>
                <td>{o.ordered}</td>
                <td>{o.received}</td>
                <td>{o.createdAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
