import { type Catalogue, format } from "@/i18n";
import { ApiError, api } from "@/server/api";

/**
 * "Where did a serial go?": a plain GET form (a shareable link) and its answer from the inventory
 * serial's custody — in stock, picked, or shipped to which customer.
 */
export async function Whereabouts({
  products,
  query,
  t,
}: {
  products: { productId: string; label: string }[];
  query: { productId?: string; serialNo?: string };
  t: Catalogue["shipping"];
}) {
  const w = t.where;
  let answer: string | undefined;
  let href: string | undefined;
  if (query.productId && query.serialNo) {
    try {
      const where = await api.shipping.shipments.whereabouts({
        params: { productId: query.productId, serialNo: query.serialNo },
      });
      const s = where.shipment;
      if (s && where.state === "shipped") {
        answer = format(w.shipped, { shipment: s.shipmentNo, customer: s.customerName, status: t.statuses[s.status] });
        href = `/shipments/${s.shipmentId}`;
      } else if (where.state === "in-stock") {
        answer = where.pickedFor ? w.picked : format(w.inStock, { lot: where.lotNo ?? "—" });
        if (where.pickedFor) href = `/shipments/${where.pickedFor}`;
      } else {
        answer = format(w.gone, { state: w.states[where.state] });
      }
    } catch (e) {
      if (!(e instanceof ApiError) || e.status >= 500) throw e;
      answer = w.notFound;
    }
  }
  return (
    <section className="card" aria-labelledby="where-title">
      <h2 id="where-title" className="card-title">
        {w.title}
      </h2>
      <form method="get" action="/shipments" className="form" data-testid="whereabouts-form">
        <div className="field">
          <label htmlFor="where-product">{w.product}</label>
          <select id="where-product" name="productId" defaultValue={query.productId ?? ""}>
            {products.map((p) => (
              <option key={p.productId} value={p.productId}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="where-serial">{w.serial}</label>
          <input
            id="where-serial"
            name="serialNo"
            defaultValue={query.serialNo ?? ""}
            maxLength={20}
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button button-primary">
          {w.submit}
        </button>
      </form>
      {answer && (
        <p className="alert alert-info" role="status" data-testid="whereabouts">
          {href ? <a href={href}>{answer}</a> : answer}
        </p>
      )}
    </section>
  );
}
