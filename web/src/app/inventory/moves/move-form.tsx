"use client";

import { useActionState, useState } from "react";
import type { z } from "zod";
import type { Inv } from "@/server/schemas";
import { type KeyedState, recordMove } from "../actions";
import { InvFeedback, type InvWords } from "../feedback";
import { LocationSelect, MaterialSelect } from "../pickers";

const KINDS = ["receipt", "issue", "transfer", "adjustment", "ship"] as const;

/** One form for every kind of move; the fields follow the kind chosen. */
export function MoveForm({
  catalogue,
  kinds,
  initialKey,
  t,
}: {
  catalogue: z.infer<typeof Inv.Catalogue>;
  /** The kinds this user's roles may record. */
  kinds: readonly (typeof KINDS)[number][];
  initialKey: string;
  t: InvWords;
}) {
  const [state, action, pending] = useActionState<KeyedState, FormData>(recordMove, {
    status: "idle",
    nextKey: initialKey,
  });
  const [kind, setKind] = useState<string>(kinds[0] ?? "receipt");
  const w = t.inventory;
  return (
    <form action={action} className="form" data-testid="move-form">
      <input type="hidden" name="idempotencyKey" value={state.nextKey} />
      <div className="field">
        <label htmlFor="move-kind">{w.moves.kind}</label>
        <select id="move-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {w.kinds[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="move-material">{w.material}</label>
        <MaterialSelect id="move-material" name="materialId" catalogue={catalogue} pick={w.moves.pick} />
      </div>
      {kind === "transfer" ? (
        <>
          <div className="field">
            <label htmlFor="move-from">{w.moves.from}</label>
            <LocationSelect id="move-from" name="from" catalogue={catalogue} pick={w.moves.pick} />
          </div>
          <div className="field">
            <label htmlFor="move-to">{w.moves.to}</label>
            <LocationSelect id="move-to" name="to" catalogue={catalogue} pick={w.moves.pick} />
          </div>
        </>
      ) : (
        <div className="field">
          <label htmlFor="move-at">{w.location}</label>
          <LocationSelect id="move-at" name="at" catalogue={catalogue} pick={w.moves.pick} />
        </div>
      )}
      <div className="field">
        <label htmlFor="move-lot">{w.lot}</label>
        <input id="move-lot" name="lotNo" maxLength={20} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="move-serial">{w.serial}</label>
        <input id="move-serial" name="serialNo" maxLength={20} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="move-quantity">{w.quantity}</label>
        <input id="move-quantity" name="quantity" type="number" step={1} required aria-describedby="move-qty-hint" />
        {kind === "adjustment" && (
          <p id="move-qty-hint" className="hint">
            {w.moves.adjustHint}
          </p>
        )}
      </div>
      {kind === "receipt" && (
        <>
          <div className="field">
            <label htmlFor="move-expiry">{w.moves.expiresOn}</label>
            <input id="move-expiry" name="expiresOn" type="date" />
          </div>
          <label className="check">
            <input type="checkbox" name="quarantine" />
            <span>{w.moves.quarantine}</span>
          </label>
        </>
      )}
      {kind === "adjustment" ? (
        <div className="field">
          <label htmlFor="move-reason">{w.reason}</label>
          <input id="move-reason" name="reason" required minLength={3} maxLength={500} />
        </div>
      ) : (
        <div className="field">
          <label htmlFor="move-reference">{w.reference}</label>
          <input id="move-reference" name="reference" maxLength={100} required={kind === "ship"} />
        </div>
      )}
      <button type="submit" className="button button-primary button-block" disabled={pending}>
        {pending ? w.moves.working : w.moves.submit}
      </button>
      <InvFeedback state={state} t={t} testId="move-feedback" />
    </form>
  );
}
