"use client";

import { useActionState } from "react";
import { FormFeedback } from "@/components/form-feedback";
import type { Catalogue } from "@/i18n";
import { type AlertState, actOnAlert } from "./actions";

/** Acknowledge an open alert, or close it with a reason (quality's decision). */
export function AlertActions({
  alertId,
  status,
  mayClose,
  t,
}: {
  alertId: string;
  status: "open" | "acknowledged" | "closed";
  mayClose: boolean;
  t: Pick<Catalogue, "quality" | "errors" | "fields">;
}) {
  const [state, action, pending] = useActionState<AlertState, FormData>(actOnAlert, { status: "idle" });
  const w = t.quality.alert;
  return (
    <div className="row-actions" data-testid="alert-actions">
      {status === "open" && (
        <form action={action}>
          <input type="hidden" name="alertId" value={alertId} />
          <button type="submit" name="intent" value="acknowledge" className="button button-primary" disabled={pending}>
            {w.acknowledge}
          </button>
          <p className="hint">{w.acknowledgeHint}</p>
        </form>
      )}
      {status !== "closed" && mayClose && (
        <details className="disclosure">
          <summary className="button button-small button-danger-quiet">{w.close}</summary>
          <form action={action} className="disclosure-body">
            <input type="hidden" name="alertId" value={alertId} />
            <div className="field">
              <label htmlFor={`close-${alertId}`}>{w.reason}</label>
              <input id={`close-${alertId}`} name="reason" required minLength={3} maxLength={500} />
            </div>
            <button type="submit" name="intent" value="close" className="button button-danger" disabled={pending}>
              {w.closeSubmit}
            </button>
          </form>
        </details>
      )}
      <FormFeedback state={state} t={t} testId="alert-feedback" done={(s) => w.done[s.done]} />
    </div>
  );
}
