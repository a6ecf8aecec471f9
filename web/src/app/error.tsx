"use client";

import { useEffect, useState } from "react";
import { catalogues } from "@/i18n";

/** Last resort for an unexpected failure; speaks the page's language (read from `<html lang>`). */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [t, setT] = useState(catalogues.en);
  useEffect(() => {
    if (document.documentElement.lang.startsWith("zh")) setT(catalogues.zh);
  }, []);
  return (
    <div className="page status-page" role="alert">
      <h1 className="page-title">{t.errors.fallback}</h1>
      <p className="lead">{t.errors.internal}</p>
      {error.digest && <p className="hint">{error.digest}</p>}
      <button type="button" className="button button-primary" onClick={reset}>
        {t.app.retry}
      </button>
    </div>
  );
}
