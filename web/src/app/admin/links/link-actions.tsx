"use client";

import { useActionState } from "react";
import { answer, type LinkState } from "./actions";
import { Feedback, type LinkWords } from "./feedback";

/** A reason-taking action (refuse, revoke) behind a disclosure, like disabling a user. */
function WithReason({
  id,
  partnerTenantId,
  intent,
  words,
  action,
  pending,
  hint,
}: {
  id: string;
  partnerTenantId: string;
  intent: "refuse" | "revoke";
  words: { open: string; reason: string; submit: string };
  action: (form: FormData) => void;
  pending: boolean;
  hint: string;
}) {
  return (
    <details className="disclosure">
      <summary className="button button-small button-danger-quiet">{words.open}</summary>
      <form action={action} className="disclosure-body">
        <input type="hidden" name="partnerTenantId" value={partnerTenantId} />
        <div className="field">
          <label htmlFor={`${intent}-${id}`}>{words.reason}</label>
          <input
            id={`${intent}-${id}`}
            name="reason"
            required
            minLength={3}
            maxLength={500}
            aria-describedby={`${intent}-hint-${id}`}
          />
          <p id={`${intent}-hint-${id}`} className="hint">
            {hint}
          </p>
        </div>
        <button type="submit" name="intent" value={intent} className="button button-danger" disabled={pending}>
          {words.submit}
        </button>
      </form>
    </details>
  );
}

/** What this side may do with one link: answer an invitation it received, or end a live link. */
export function LinkActions({
  link,
  t,
}: {
  link: { partnerTenantId: string; side: "inviter" | "invitee"; status: string };
  t: LinkWords;
}) {
  const [state, action, pending] = useActionState<LinkState, FormData>(answer, { status: "idle" });
  const id = link.partnerTenantId;
  const awaitingMe = link.side === "invitee" && link.status === "invited";
  const live = link.status === "invited" || link.status === "accepted";
  return (
    <div className="row-actions">
      <div className="row-actions-buttons">
        {awaitingMe && (
          <form action={action}>
            <input type="hidden" name="partnerTenantId" value={id} />
            <button
              type="submit"
              name="intent"
              value="accept"
              className="button button-small button-primary"
              disabled={pending}
            >
              {pending ? t.links.working : t.links.accept.submit}
            </button>
          </form>
        )}
        {awaitingMe && (
          <WithReason
            id={id}
            partnerTenantId={id}
            intent="refuse"
            words={t.links.refuse}
            action={action}
            pending={pending}
            hint={t.links.reasonHint}
          />
        )}
        {live && !awaitingMe && (
          <WithReason
            id={id}
            partnerTenantId={id}
            intent="revoke"
            words={t.links.revoke}
            action={action}
            pending={pending}
            hint={t.links.reasonHint}
          />
        )}
      </div>
      <Feedback state={state} t={t} testId={`link-feedback-${id}`} />
    </div>
  );
}
