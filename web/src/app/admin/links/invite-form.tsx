"use client";

import { useActionState } from "react";
import { invite, type LinkState } from "./actions";
import { Feedback, type LinkWords } from "./feedback";

/** A manufacturer or service partner invites a hospital by the organisation ID it signs in with. */
export function InviteForm({ t }: { t: LinkWords }) {
  const [state, action, pending] = useActionState<LinkState, FormData>(invite, { status: "idle" });
  return (
    <form action={action} className="form" data-testid="invite-form">
      <div className="field">
        <label htmlFor="invite-partner">{t.links.invite.partnerTenantId}</label>
        <input
          id="invite-partner"
          name="partnerTenantId"
          required
          minLength={3}
          maxLength={40}
          autoComplete="off"
          aria-describedby="invite-partner-hint"
        />
        <p id="invite-partner-hint" className="hint">
          {t.links.invite.hint}
        </p>
      </div>
      <button type="submit" className="button button-primary button-block" disabled={pending}>
        {pending ? t.links.working : t.links.invite.submit}
      </button>
      <Feedback state={state} t={t} testId="invite-feedback" />
    </form>
  );
}
