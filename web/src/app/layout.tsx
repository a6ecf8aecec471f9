import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { auth } from "@/auth";
import { Footer } from "@/components/footer";
import { Header } from "@/components/header";
import { htmlLang } from "@/i18n";
import { getI18n } from "@/i18n/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: { default: t.app.name, template: `%s · ${t.app.name}` }, description: t.app.tagline };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b5f8a" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  const { locale, t } = await getI18n();
  return (
    <html lang={htmlLang[locale]}>
      <body data-kind={session?.user.tenantKind ?? "anonymous"}>
        <a className="skip-link" href="#main">
          {t.app.skipToContent}
        </a>
        <Header user={session?.user ?? null} locale={locale} t={t} />
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
        <Footer t={t} />
      </body>
    </html>
  );
}
