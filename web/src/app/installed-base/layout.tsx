import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/auth";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";

/** A hospital's own devices; manufacturers and partners have no installed base here (403 page). */
export default async function InstalledBaseLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/installed-base");
  if (user.tenantKind !== "hospital") forbidden();
  const { t } = await getI18n();
  return (
    <div className="page">
      <div className="page-header">
        <p className="eyebrow">{user.tenantName}</p>
        <h1 className="page-title">{t.installedBase.title}</h1>
        <p className="lead">{format(t.installedBase.intro, { tenant: user.tenantName })}</p>
      </div>
      {children}
    </div>
  );
}
