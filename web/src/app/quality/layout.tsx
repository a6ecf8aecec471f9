import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { canSeeCampaigns, canSeeCases } from "@/app/complaints/access";
import { requireUser } from "@/auth";
import { ModulePage } from "@/components/module-page";
import { getI18n } from "@/i18n/server";
import { canSeeAlerts } from "./access";
import { QualityTabs } from "./quality-tabs";

/**
 * Quality is a manufacturer's quality staff's view — early-warning alerts, nonconformance reports,
 * CAPAs: other organisations and roles get the 403 page.
 */
export default async function QualityLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/quality");
  if (!canSeeAlerts(user)) forbidden();
  const { t } = await getI18n();
  const tabs = t.quality.tabs;
  return (
    <ModulePage organisation={user.tenantName} title={t.quality.title} lead={t.quality.intro}>
      <QualityTabs
        label={t.quality.title}
        items={[
          { href: "/quality", label: tabs.alerts },
          { href: "/quality/nonconformances", label: tabs.ncs },
          { href: "/quality/capas", label: tabs.capas },
          ...(canSeeCases(user) ? [{ href: "/quality/complaints", label: tabs.complaints }] : []),
          ...(canSeeCampaigns(user) ? [{ href: "/quality/recalls", label: tabs.recalls }] : []),
        ]}
      />
      {children}
    </ModulePage>
  );
}
