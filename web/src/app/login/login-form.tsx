"use client";

import { signIn } from "next-auth/react";
import { type FormEvent, useEffect, useState } from "react";
import { type Catalogue, errorMessage } from "@/i18n";

type Words = Pick<Catalogue, "login" | "errors" | "fields">;

export function LoginForm({
  callbackUrl,
  initialError,
  notice,
  t,
}: {
  callbackUrl: string;
  initialError?: string;
  notice?: string;
  t: Words;
}) {
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, setPending] = useState(false);
  // Signing in needs the script (next-auth's CSRF handshake): until it runs, the button waits.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      redirect: false,
      tenant: String(data.get("tenant") ?? ""),
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      callbackUrl,
    }).catch(() => undefined);
    if (result?.ok && !result.error) {
      // A full load, so the server renders the new session's layout and language.
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(result?.error ?? "api-unavailable");
  }

  return (
    <form className="form" method="post" onSubmit={onSubmit}>
      {notice && !error && (
        <p className="alert alert-info" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="alert alert-error" role="alert" data-testid="login-error">
          {errorMessage(t, error)}
        </p>
      )}
      <div className="field">
        <label htmlFor="tenant">{t.login.organisation}</label>
        <input
          id="tenant"
          name="tenant"
          autoComplete="organization"
          required
          maxLength={40}
          placeholder={t.login.organisationHint}
          autoCapitalize="none"
          spellCheck={false}
        />
      </div>
      <div className="field">
        <label htmlFor="email">{t.login.email}</label>
        <input id="email" name="email" type="email" autoComplete="username" required maxLength={254} />
      </div>
      <div className="field">
        <label htmlFor="password">{t.login.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="button button-primary button-block" disabled={pending || !hydrated}>
        {pending ? t.login.submitting : t.login.submit}
      </button>
    </form>
  );
}
