import Link from "next/link";
import { getI18n } from "@/i18n/server";

/** Rendered with HTTP 403 wherever a page calls `forbidden()` (see `requireRole`). */
export default async function Forbidden() {
  const { t } = await getI18n();
  return (
    <div className="page status-page" data-testid="forbidden">
      <p className="eyebrow">{t.forbidden.status}</p>
      <h1 className="page-title">{t.forbidden.title}</h1>
      <p className="lead">{t.forbidden.body}</p>
      <Link href="/" className="button button-primary">
        {t.forbidden.home}
      </Link>
    </div>
  );
}
