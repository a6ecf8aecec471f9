import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/auth";
import { ModulePage } from "@/components/module-page";
import { getI18n } from "@/i18n/server";
import { canSeeAlerts } from "./access";

/** Early warning is a manufacturer's quality view: other organisations and roles get the 403 page. */
export default async function QualityLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/quality");
  if (!canSeeAlerts(user)) forbidden();
  const { t } = await getI18n();
  return (
    <ModulePage organisation={user.tenantName} title={t.quality.title} lead={t.quality.intro}>
      {children}
    </ModulePage>
  );
}
