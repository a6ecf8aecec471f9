import { FormFeedback } from "@/components/form-feedback";
import { type Catalogue, format } from "@/i18n";
import type { ShipState } from "./actions";

export type ShipWords = Pick<Catalogue, "shipping" | "errors" | "fields">;

/** The outcome of a shipment form in the current language. */
export function ShipFeedback({ state, t, testId }: { state: ShipState; t: ShipWords; testId: string }) {
  const w = t.shipping;
  return (
    <FormFeedback
      state={state}
      t={t}
      testId={testId}
      done={(s) =>
        ({
          picked: format(w.pickForm.picked, s.vars),
          dispatched: w.dispatchForm.done,
          delivered: w.deliverForm.done,
        })[s.done]
      }
    />
  );
}
