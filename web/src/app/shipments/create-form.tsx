"use client";

import { useActionState } from "react";
import { createShipment, type ShipState } from "./actions";
import { ShipFeedback, type ShipWords } from "./feedback";

export interface CustomerOption {
  customerId: string;
  label: string;
}

/** Start a shipment: the customer and the sales order it fulfils. Serials are picked on the next page. */
export function CreateShipmentForm({
  customers,
  initialKey,
  t,
}: {
  customers: CustomerOption[];
  initialKey: string;
  t: ShipWords;
}) {
  const [state, action, pending] = useActionState<ShipState, FormData>(createShipment, {
    status: "idle",
    nextKey: initialKey,
  });
  const w = t.shipping.create;
  return (
    <form action={action} className="form" data-testid="create-shipment-form">
      <input type="hidden" name="idempotencyKey" value={state.nextKey} />
      <div className="field">
        <label htmlFor="shipment-customer">{w.customer}</label>
        <select id="shipment-customer" name="customerId" required defaultValue="">
          <option value="" disabled>
            {w.pick}
          </option>
          {customers.map((c) => (
            <option key={c.customerId} value={c.customerId}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="shipment-reference">{w.reference}</label>
        <input id="shipment-reference" name="reference" maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor="shipment-note">{w.note}</label>
        <input id="shipment-note" name="note" maxLength={500} />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {w.submit}
      </button>
      <ShipFeedback state={state} t={t} testId="create-shipment-feedback" />
    </form>
  );
}
