import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/auth";
import { ModulePage } from "@/components/module-page";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";

/** A hospital's own devices; manufacturers and partners have no installed base here (403 page). */
export default async function InstalledBaseLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/installed-base");
  if (user.tenantKind !== "hospital") forbidden();
  const { t } = await getI18n();
  return (
    <ModulePage
      organisation={user.tenantName}
      title={t.installedBase.title}
      lead={format(t.installedBase.intro, { tenant: user.tenantName })}
    >
      {children}
    </ModulePage>
  );
}
