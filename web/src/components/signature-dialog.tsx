import type { ReactNode } from "react";

/**
 * An electronic signature inside a form (21 CFR 11.200: the signer re-enters their password;
 * 11.50: the meaning is shown before signing). It is a section of the surrounding form, not a
 * modal, so a wrong password leaves everything typed in place for a second try.
 * `id` prefixes the ids: `${id}-password`, `${id}-title`, test id `${id}-dialog`.
 */
export function SignatureDialog({
  id,
  title,
  meaning,
  passwordLabel,
  submit,
  cancel,
  pending,
  onCancel,
  children,
}: {
  id: string;
  title: string;
  /** What the signature means, shown before the signer signs. */
  meaning: string;
  passwordLabel: string;
  submit: string;
  /** A dialog opened on demand offers to cancel; one that is the form's own submit has none. */
  cancel?: string;
  pending: boolean;
  onCancel?: () => void;
  /** The fields signed with it (a reason, a statement). */
  children?: ReactNode;
}) {
  return (
    <div role="dialog" aria-modal="false" aria-labelledby={`${id}-title`} className="card" data-testid={`${id}-dialog`}>
      <h3 id={`${id}-title`} className="card-title">
        {title}
      </h3>
      {children}
      <div className="field">
        <label htmlFor={`${id}-password`}>{passwordLabel}</label>
        <input id={`${id}-password`} name="password" type="password" required autoComplete="current-password" />
      </div>
      <p className="hint">{meaning}</p>
      <button type="submit" className="button button-primary" disabled={pending}>
        {submit}
      </button>
      {cancel && onCancel && (
        <>
          {" "}
          <button type="button" className="button" onClick={onCancel}>
            {cancel}
          </button>
        </>
      )}
    </div>
  );
}
