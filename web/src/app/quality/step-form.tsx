"use client";

import { type ReactNode, startTransition, useActionState } from "react";
import { FormFeedback } from "@/components/form-feedback";
import { SignatureDialog } from "@/components/signature-dialog";
import type { Catalogue } from "@/i18n";
import type { StepState } from "./record-actions";

/**
 * One step of a quality record (raise, disposition, root cause, an action, a signed check…). The
 * action redirects to the record on success; a refusal is shown under the form. Submitted by hand,
 * not through `action`: React resets a form after its action, and a signer who mistyped the
 * password must be able to try again without typing the rest anew.
 */
export function StepForm({
  action,
  hidden,
  submit,
  signed,
  testId,
  t,
  children,
}: {
  action: (prev: StepState, form: FormData) => Promise<StepState>;
  hidden: Record<string, string>;
  submit: string;
  /** A signed step: the signature's title and meaning, shown before signing (21 CFR 11.50). */
  signed?: { title: string; meaning: string };
  testId: string;
  t: Pick<Catalogue, "quality" | "errors" | "fields">;
  children?: ReactNode;
}) {
  const [state, dispatch, pending] = useActionState<StepState, FormData>(action, { status: "idle" });
  return (
    <form
      className="form"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => dispatch(data));
      }}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {signed ? (
        <SignatureDialog
          id={testId}
          title={signed.title}
          meaning={signed.meaning}
          passwordLabel={t.quality.password}
          submit={submit}
          pending={pending}
        >
          {children}
        </SignatureDialog>
      ) : (
        <>
          {children}
          <button type="submit" className="button button-primary" disabled={pending}>
            {submit}
          </button>
        </>
      )}
      <FormFeedback state={state} t={t} testId={`${testId}-feedback`} done={() => ""} />
    </form>
  );
}
