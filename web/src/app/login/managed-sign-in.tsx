"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

/** In AWS: one button to Cognito's managed login, which asks for the password and the TOTP code. */
export function ManagedSignIn({ callbackUrl, label }: { callbackUrl: string; label: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button button-primary button-block"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("cognito", { callbackUrl });
      }}
    >
      {label}
    </button>
  );
}
