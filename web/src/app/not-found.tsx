import Link from "next/link";
import { getI18n } from "@/i18n/server";

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <div className="page status-page">
      <p className="eyebrow">{t.notFound.status}</p>
      <h1 className="page-title">{t.notFound.title}</h1>
      <p className="lead">{t.notFound.body}</p>
      <Link href="/" className="button button-primary">
        {t.notFound.home}
      </Link>
    </div>
  );
}
