import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { cognito } from "@/env";
import { errorMessage } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { LoginForm } from "./login-form";
import { ManagedSignIn } from "./managed-sign-in";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.login.title };
}

/** Only same-site paths are followed after sign-in (no open redirect). */
const safePath = (v: string | string[] | undefined) =>
  typeof v === "string" && v.startsWith("/") && !v.startsWith("//") ? v : "/";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const params = await searchParams;
  const callbackUrl = safePath(params.callbackUrl);
  const expired = params.reason === "expired";
  if (!expired && (await auth())) redirect(callbackUrl);
  const { t } = await getI18n();
  const error = typeof params.error === "string" ? params.error : undefined;
  return (
    <div className="login">
      <div className="login-card">
        <h1 className="page-title">{t.login.title}</h1>
        {cognito() ? (
          <>
            <p className="lead">{t.login.managedIntro}</p>
            {(error || expired) && (
              <p className={error ? "alert alert-error" : "alert alert-info"} role={error ? "alert" : "status"}>
                {error ? errorMessage(t, error) : t.login.expired}
              </p>
            )}
            <ManagedSignIn callbackUrl={callbackUrl} label={t.login.managed} />
          </>
        ) : (
          <>
            <p className="lead">{t.login.intro}</p>
            <LoginForm
              callbackUrl={callbackUrl}
              initialError={error}
              notice={expired ? t.login.expired : undefined}
              t={{ login: t.login, errors: t.errors, fields: t.fields }}
            />
          </>
        )}
      </div>
    </div>
  );
}
