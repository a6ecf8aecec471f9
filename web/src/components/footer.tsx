import Link from "next/link";
import type { Catalogue } from "@/i18n";

export function Footer({ t }: { t: Catalogue }) {
  return (
    <footer className="footer">
      <div className="footer-inner">
        <span>{t.footer.about}</span>
        <Link href="/api-docs" className="footer-link">
          {t.footer.apiDocs}
        </Link>
      </div>
    </footer>
  );
}
