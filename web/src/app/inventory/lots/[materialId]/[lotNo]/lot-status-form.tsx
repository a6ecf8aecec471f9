"use client";

import { useActionState } from "react";
import { type InvState, setLotStatus } from "../../../actions";
import { InvFeedback, type InvWords } from "../../../feedback";

/** Hold or release a lot, with the reason the quality record needs. */
export function LotStatusForm({
  materialId,
  lotNo,
  status,
  t,
}: {
  materialId: string;
  lotNo: string;
  status: "released" | "hold";
  t: InvWords;
}) {
  const [state, action, pending] = useActionState<InvState, FormData>(setLotStatus, { status: "idle" });
  const w = t.inventory;
  const intent = status === "hold" ? "release" : "hold";
  return (
    <form action={action} className="form" data-testid="lot-status-form">
      <input type="hidden" name="materialId" value={materialId} />
      <input type="hidden" name="lotNo" value={lotNo} />
      <div className="field">
        <label htmlFor="lot-reason">{w.reason}</label>
        <input id="lot-reason" name="reason" required minLength={3} maxLength={500} />
      </div>
      <button
        type="submit"
        name="intent"
        value={intent}
        className={`button ${intent === "hold" ? "button-danger" : "button-primary"}`}
        disabled={pending}
      >
        {intent === "hold" ? w.lotPage.hold : w.lotPage.release}
      </button>
      <InvFeedback state={state} t={t} testId="lot-status-feedback" />
    </form>
  );
}
