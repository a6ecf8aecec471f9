"use client";

import { useActionState } from "react";
import { FormFeedback } from "@/components/form-feedback";
import { format } from "@/i18n";
import type { ProdWords } from "./[orderId]/forms";
import { createOrder, type ProdState } from "./actions";

/** A planner releases an order: product, quantity, planned start (which picks the BOM and route) and lot. */
export function CreateOrderForm({ products, t }: { products: { productId: string; label: string }[]; t: ProdWords }) {
  const [state, action, pending] = useActionState<ProdState, FormData>(createOrder, { status: "idle", nextKey: "" });
  const w = t.production.create;
  return (
    <form action={action} className="form" data-testid="create-order-form">
      <h2 className="card-title">{w.title}</h2>
      <input type="hidden" name="idempotencyKey" value={state.nextKey} />
      <div className="grid grid-3">
        <div className="field">
          <label htmlFor="order-product">{w.product}</label>
          <select id="order-product" name="productId" required defaultValue="">
            <option value="" disabled>
              {w.pick}
            </option>
            {products.map((p) => (
              <option key={p.productId} value={p.productId}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="order-quantity">{w.quantity}</label>
          <input id="order-quantity" name="quantity" type="number" min={1} step={1} required />
        </div>
        <div className="field">
          <label htmlFor="order-start">{w.plannedStart}</label>
          <input id="order-start" name="plannedStart" type="date" required />
        </div>
        <div className="field">
          <label htmlFor="order-lot">{w.fgLot}</label>
          <input id="order-lot" name="fgLotNo" required maxLength={20} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="order-expiry">{w.fgExpiry}</label>
          <input id="order-expiry" name="fgExpiresOn" type="date" />
        </div>
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? w.working : w.submit}
      </button>
      <FormFeedback state={state} t={t} testId="create-order-feedback" done={(s) => format(w.done, s.vars)} />
      {state.status === "success" && (
        <p>
          <a href={`/production/${state.vars.orderId}`} data-testid="open-order">
            {w.open}
          </a>
        </p>
      )}
    </form>
  );
}
