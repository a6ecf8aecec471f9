import { type Catalogue, errorMessage, fieldMessage, format } from "@/i18n";
import type { ShipState } from "./actions";

export type ShipWords = Pick<Catalogue, "shipping" | "errors" | "fields">;

/** The outcome of a shipment form in the current language, announced to screen readers. */
export function ShipFeedback({ state, t, testId }: { state: ShipState; t: ShipWords; testId: string }) {
  if (state.status === "idle") return null;
  const w = t.shipping;
  if (state.status === "success") {
    const message = {
      picked: format(w.pickForm.picked, state.vars),
      dispatched: w.dispatchForm.done,
      delivered: w.deliverForm.done,
    }[state.done];
    return (
      <p className="alert alert-success" role="status" data-testid={testId}>
        {message}
      </p>
    );
  }
  const issues = [...new Set(state.issues.map((i) => fieldMessage(t, i.path, i.message)))];
  return (
    <div className="alert alert-error" role="alert" data-testid={testId} data-code={state.code}>
      <p>{errorMessage(t, state.code, state.apiMessage)}</p>
      {issues.length > 0 && (
        <ul className="issues">
          {issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
