"use client";

import { useActionState } from "react";
import type { Catalogue, Locale } from "@/i18n";
import { LOCALES, selfName } from "@/i18n";
import type { Role } from "@/server/schemas";
import { type CreateState, createUser } from "./actions";
import { Feedback } from "./feedback";

type Words = Pick<Catalogue, "admin" | "roles" | "errors" | "fields">;

export function CreateUserForm({
  roleOptions,
  initialKey,
  defaultLocale,
  t,
}: {
  roleOptions: Role[];
  initialKey: string;
  defaultLocale: Locale;
  t: Words;
}) {
  const [state, action, pending] = useActionState<CreateState, FormData>(createUser, {
    status: "idle",
    nextKey: initialKey,
  });
  const v = state.values;
  return (
    // Keyed by the submission, so a rejected form re-renders with what was typed.
    <form action={action} className="form" key={state.nextKey} data-testid="create-user-form">
      <input type="hidden" name="idempotencyKey" value={state.nextKey} />
      <div className="field">
        <label htmlFor="new-name">{t.admin.name}</label>
        <input id="new-name" name="name" required maxLength={120} defaultValue={v?.name} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="new-email">{t.admin.email}</label>
        <input id="new-email" name="email" type="email" required defaultValue={v?.email} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="new-password">{t.admin.create.password}</label>
        <input
          id="new-password"
          name="password"
          type="password"
          required
          minLength={12}
          autoComplete="new-password"
          aria-describedby="new-password-hint"
        />
        <p id="new-password-hint" className="hint">
          {t.admin.create.passwordHint}
        </p>
      </div>
      <div className="field">
        <label htmlFor="new-locale">{t.admin.create.locale}</label>
        <select id="new-locale" name="locale" defaultValue={v?.locale ?? defaultLocale}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {selfName[l]}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field checks">
        <legend>{t.admin.roles}</legend>
        {roleOptions.map((r) => (
          <label key={r} className="check">
            <input type="checkbox" name="roles" value={r} defaultChecked={v?.roles.includes(r)} />
            <span>{t.roles[r]}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button-primary button-block" disabled={pending}>
        {pending ? t.admin.create.submitting : t.admin.create.submit}
      </button>
      <Feedback state={state} t={t} testId="create-feedback" />
    </form>
  );
}
