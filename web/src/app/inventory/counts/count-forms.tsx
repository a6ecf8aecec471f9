"use client";

import { useActionState } from "react";
import type { z } from "zod";
import type { Inv } from "@/server/schemas";
import { enterCount, type InvState, type KeyedState, postCount } from "../actions";
import { InvFeedback, type InvWords } from "../feedback";
import { LocationSelect, MaterialSelect } from "../pickers";

const LINES = 5;

/** A count of one location: up to five lines per form (the API takes up to 30). */
export function CountEntryForm({
  catalogue,
  initialKey,
  t,
}: {
  catalogue: z.infer<typeof Inv.Catalogue>;
  initialKey: string;
  t: InvWords;
}) {
  const [state, action, pending] = useActionState<KeyedState, FormData>(enterCount, {
    status: "idle",
    nextKey: initialKey,
  });
  const w = t.inventory;
  return (
    <form action={action} className="form" data-testid="count-form">
      <input type="hidden" name="idempotencyKey" value={state.nextKey} />
      <div className="field">
        <label htmlFor="count-at">{w.location}</label>
        <LocationSelect id="count-at" name="at" catalogue={catalogue} pick={w.moves.pick} />
      </div>
      <fieldset className="field">
        <legend>{w.counts.addLines}</legend>
        {Array.from({ length: LINES }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed line slots, never reordered
          <div key={i} className="checks" data-testid="count-line">
            <MaterialSelect
              id={`count-material-${i}`}
              name={`materialId.${i}`}
              catalogue={catalogue}
              pick={`${w.material} ${i + 1}`}
              required={false}
            />
            <input name={`lotNo.${i}`} placeholder={w.lot} aria-label={`${w.lot} ${i + 1}`} maxLength={20} />
            <input name={`serialNo.${i}`} placeholder={w.serial} aria-label={`${w.serial} ${i + 1}`} maxLength={20} />
            <input
              name={`counted.${i}`}
              type="number"
              min={0}
              step={1}
              placeholder={w.counts.counted}
              aria-label={`${w.counts.counted} ${i + 1}`}
            />
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button button-primary button-block" disabled={pending}>
        {w.counts.submit}
      </button>
      <InvFeedback state={state} t={t} testId="count-feedback" />
    </form>
  );
}

export function PostCountForm({ countId, t }: { countId: string; t: InvWords }) {
  const [state, action, pending] = useActionState<InvState, FormData>(postCount, { status: "idle" });
  const w = t.inventory;
  return (
    <form action={action} className="form" data-testid="post-count-form">
      <input type="hidden" name="countId" value={countId} />
      <div className="field">
        <label htmlFor={`post-reason-${countId}`}>{w.reason}</label>
        <input id={`post-reason-${countId}`} name="reason" required minLength={3} maxLength={500} />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {w.counts.post}
      </button>
      <InvFeedback state={state} t={t} testId="post-count-feedback" />
    </form>
  );
}
