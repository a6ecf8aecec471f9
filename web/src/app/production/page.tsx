import type { Metadata } from "next";
import { requireUser } from "@/auth";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readOrRefusal } from "@/server/read";
import { Prod } from "@/server/schemas";
import { canProduce } from "./access";
import { CreateOrderForm } from "./create-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.production.orders };
}

const STATUSES = Prod.OrderStatus.options;

/** The organisation's production orders, newest first, filtered by status; planners release new ones. */
export default async function ProductionOrdersPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { user } = await requireUser("/production");
  const { t } = await getI18n();
  const w = t.production;
  const asked = (await searchParams).status;
  const status = STATUSES.find((s) => s === asked);
  const planner = canProduce(user, "plan");
  const [read, products] = await Promise.all([
    readOrRefusal(t, api.production.productionOrders.orders({ query: { status } })),
    planner ? api.masterData.products.list() : undefined,
  ]);
  return (
    <>
      {products && (
        <section className="card">
          <CreateOrderForm
            products={products.items.map((p) => ({ productId: p.productId, label: `${p.code} · ${p.name}` }))}
            t={{ production: w, errors: t.errors, fields: t.fields }}
          />
        </section>
      )}
      <section className="card">
        <nav aria-label={w.status}>
          <ul className="tabs">
            {[undefined, ...STATUSES].map((s) => (
              <li key={s ?? "all"}>
                <a
                  className="tab"
                  href={s ? `/production?status=${s}` : "/production"}
                  aria-current={s === status ? "page" : undefined}
                >
                  {s ? w.statuses[s] : w.all}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {read.refusal && (
          <p className="alert alert-error" role="alert">
            {read.refusal}
          </p>
        )}
        {read.value && (
          <div className="table-wrap">
            <table className="table" data-testid="production-orders">
              <caption className="table-caption">{w.orders}</caption>
              <thead>
                <tr>
                  <th scope="col">{w.order}</th>
                  <th scope="col">{w.product}</th>
                  <th scope="col">{w.fgLot}</th>
                  <th scope="col">{w.quantity}</th>
                  <th scope="col">{w.plannedStart}</th>
                  <th scope="col">{w.status}</th>
                  <th scope="col">{w.progress}</th>
                </tr>
              </thead>
              <tbody>
                {read.value.items.length === 0 && (
                  <tr>
                    <td colSpan={7} className="empty-cell">
                      {w.empty}
                    </td>
                  </tr>
                )}
                {read.value.items.map((o) => (
                  <tr key={o.orderId} data-testid="production-order" data-lot={o.fgLotNo} data-status={o.status}>
                    <td>
                      <a href={`/production/${o.orderId}`}>{o.orderNo}</a>
                    </td>
                    <td>
                      {o.productCode} · {o.productName}
                    </td>
                    <td>{o.fgLotNo}</td>
                    <td>{o.quantity}</td>
                    <td>{o.plannedStart}</td>
                    <td>{w.statuses[o.status]}</td>
                    <td>
                      <meter min={0} max={o.quantity} value={o.good} aria-label={w.progress} /> {o.good} / {o.quantity}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
