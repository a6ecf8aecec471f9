"use client";

import { useActionState, useEffect, useRef } from "react";
import { format } from "@/i18n";
import { deliverShipment, dispatchShipment, pickSerial, type ShipState } from "../actions";
import { ShipFeedback, type ShipWords } from "../feedback";

export interface ProductOption {
  productId: string;
  label: string;
}

const idle = (nextKey: string): ShipState => ({ status: "idle", nextKey });

/**
 * Pick by scanning: the field keeps the focus, a scanner types the code and Enter submits it, and
 * the field clears for the next label. A typed model and serial is the fallback for a torn label.
 */
export function PickForm({
  shipmentId,
  products,
  initialKey,
  t,
}: {
  shipmentId: string;
  products: ProductOption[];
  initialKey: string;
  t: ShipWords;
}) {
  const [state, action, pending] = useActionState<ShipState, FormData>(pickSerial, idle(initialKey));
  const scan = useRef<HTMLInputElement>(null);
  const w = t.shipping.pickForm;
  useEffect(() => {
    if (state.status === "success" && scan.current) scan.current.value = "";
    scan.current?.focus();
  }, [state]);
  return (
    <form action={action} className="form" data-testid="pick-form">
      <input type="hidden" name="idempotencyKey" value={state.nextKey} />
      <input type="hidden" name="shipmentId" value={shipmentId} />
      <div className="field">
        <label htmlFor="pick-scan">{w.scan}</label>
        <input id="pick-scan" name="scan" ref={scan} autoComplete="off" spellCheck={false} maxLength={200} />
        <p className="hint">{w.scanHint}</p>
      </div>
      <fieldset className="field">
        <legend>{w.manual}</legend>
        <label htmlFor="pick-product">{w.product}</label>
        <select id="pick-product" name="productId" defaultValue="">
          <option value="" />
          {products.map((p) => (
            <option key={p.productId} value={p.productId}>
              {p.label}
            </option>
          ))}
        </select>
        <label htmlFor="pick-serial">{w.serial}</label>
        <input id="pick-serial" name="serialNo" autoComplete="off" maxLength={20} />
      </fieldset>
      <button type="submit" className="button button-primary" disabled={pending}>
        {w.submit}
      </button>
      <ShipFeedback state={state} t={t} testId="pick-feedback" />
    </form>
  );
}

export function DispatchForm({
  shipmentId,
  count,
  initialKey,
  t,
}: {
  shipmentId: string;
  count: number;
  initialKey: string;
  t: ShipWords;
}) {
  const [state, action, pending] = useActionState<ShipState, FormData>(dispatchShipment, idle(initialKey));
  const w = t.shipping.dispatchForm;
  return (
    <form action={action} className="form" data-testid="dispatch-form">
      <input type="hidden" name="idempotencyKey" value={state.nextKey} />
      <input type="hidden" name="shipmentId" value={shipmentId} />
      <p className="hint">{w.hint}</p>
      <button type="submit" className="button button-primary" disabled={pending || count === 0}>
        {format(w.submit, { count })}
      </button>
      <ShipFeedback state={state} t={t} testId="dispatch-feedback" />
    </form>
  );
}

export function DeliverForm({ shipmentId, initialKey, t }: { shipmentId: string; initialKey: string; t: ShipWords }) {
  const [state, action, pending] = useActionState<ShipState, FormData>(deliverShipment, idle(initialKey));
  const w = t.shipping.deliverForm;
  return (
    <form action={action} className="form" data-testid="deliver-form">
      <input type="hidden" name="idempotencyKey" value={state.nextKey} />
      <input type="hidden" name="shipmentId" value={shipmentId} />
      <p className="hint">{w.hint}</p>
      <div className="field">
        <label htmlFor="deliver-on">{w.deliveredOn}</label>
        <input id="deliver-on" name="deliveredOn" type="date" />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {w.submit}
      </button>
      <ShipFeedback state={state} t={t} testId="deliver-feedback" />
    </form>
  );
}
