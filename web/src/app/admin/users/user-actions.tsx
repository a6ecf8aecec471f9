"use client";

import { useActionState } from "react";
import type { Catalogue } from "@/i18n";
import { format } from "@/i18n";
import type { Role } from "@/server/schemas";
import { type ActionState, changeUser } from "./actions";
import { Feedback } from "./feedback";

type Words = Pick<Catalogue, "admin" | "roles" | "errors" | "fields">;

export function UserActions({
  user,
  isSelf,
  roleOptions,
  t,
}: {
  user: { userId: string; name: string; roles: Role[]; status: "active" | "disabled"; locked: boolean };
  isSelf: boolean;
  roleOptions: Role[];
  t: Words;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeUser, { status: "idle" });
  const id = user.userId;
  return (
    <div className="row-actions">
      <div className="row-actions-buttons">
        <details className="disclosure">
          <summary className="button button-small">{t.admin.editRoles.open}</summary>
          <form action={action} className="disclosure-body">
            <input type="hidden" name="userId" value={id} />
            <fieldset className="checks">
              <legend>{format(t.admin.editRoles.legend, { name: user.name })}</legend>
              {roleOptions.map((r) => (
                <label key={r} className="check">
                  <input type="checkbox" name="roles" value={r} defaultChecked={user.roles.includes(r)} />
                  <span>{t.roles[r]}</span>
                </label>
              ))}
            </fieldset>
            <button type="submit" name="intent" value="roles" className="button button-primary" disabled={pending}>
              {pending ? t.admin.working : t.admin.editRoles.submit}
            </button>
          </form>
        </details>
        {user.status === "active" && !isSelf && (
          <details className="disclosure">
            <summary className="button button-small button-danger-quiet">{t.admin.disable.open}</summary>
            <form action={action} className="disclosure-body">
              <input type="hidden" name="userId" value={id} />
              <div className="field">
                <label htmlFor={`reason-${id}`}>{t.admin.disable.reason}</label>
                <input
                  id={`reason-${id}`}
                  name="reason"
                  required
                  minLength={3}
                  maxLength={500}
                  aria-describedby={`reason-hint-${id}`}
                />
                <p id={`reason-hint-${id}`} className="hint">
                  {t.admin.disable.reasonHint}
                </p>
              </div>
              <button type="submit" name="intent" value="disable" className="button button-danger" disabled={pending}>
                {pending ? t.admin.working : t.admin.disable.submit}
              </button>
            </form>
          </details>
        )}
        {user.locked && (
          <details className="disclosure">
            <summary className="button button-small">{t.admin.unlock.open}</summary>
            <form action={action} className="disclosure-body">
              <input type="hidden" name="userId" value={id} />
              <div className="field">
                <label htmlFor={`unlock-reason-${id}`}>{t.admin.unlock.reason}</label>
                <input id={`unlock-reason-${id}`} name="reason" required minLength={3} maxLength={500} />
              </div>
              <button type="submit" name="intent" value="unlock" className="button button-primary" disabled={pending}>
                {pending ? t.admin.working : t.admin.unlock.submit}
              </button>
            </form>
          </details>
        )}
        {user.status === "disabled" && (
          <form action={action}>
            <input type="hidden" name="userId" value={id} />
            <button type="submit" name="intent" value="enable" className="button button-small" disabled={pending}>
              {pending ? t.admin.working : t.admin.enable.submit}
            </button>
          </form>
        )}
      </div>
      <Feedback state={state} t={t} testId={`row-feedback-${id}`} />
    </div>
  );
}
