import Link from "next/link";
import type { Catalogue, Locale } from "@/i18n";
import { navFor } from "@/kinds";
import type { Principal } from "@/server/schemas";
import { BrandMark } from "./brand-mark";
import { LanguageSwitch } from "./language-switch";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function Header({ user, locale, t }: { user: Principal | null; locale: Locale; t: Catalogue }) {
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link href="/" className="brand">
          <BrandMark />
          <span className="brand-name">{t.app.name}</span>
        </Link>
        {user && (
          <div className="org" data-testid="org">
            <span className="visually-hidden">{t.header.organisation}: </span>
            <span className="org-name">{user.tenantName}</span>
            <span className="badge badge-kind">{t.kinds[user.tenantKind]}</span>
          </div>
        )}
        <div className="topbar-tools">
          <LanguageSwitch locale={locale} label={t.header.language} />
          {user && (
            <div className="who">
              <span className="who-label">{t.header.signedInAs}</span>
              <span className="who-name" data-testid="user-name">
                {user.name}
              </span>
            </div>
          )}
          {user && <SignOutButton label={t.header.signOut} pendingLabel={t.header.signingOut} />}
        </div>
      </div>
      {user && (
        <nav className="subnav" aria-label={t.header.mainNav}>
          <div className="subnav-inner">
            <NavLinks items={navFor(user, t)} />
          </div>
        </nav>
      )}
    </header>
  );
}
