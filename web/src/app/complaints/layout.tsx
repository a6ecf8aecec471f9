import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/auth";
import { ModulePage } from "@/components/module-page";
import { getI18n } from "@/i18n/server";
import { canReportComplaints } from "./access";

/** A hospital's complaints and adverse events: others get the 403 page. */
export default async function ComplaintsLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/complaints");
  if (!canReportComplaints(user)) forbidden();
  const { t } = await getI18n();
  const w = t.postMarket.complaints;
  return (
    <ModulePage organisation={user.tenantName} title={w.title} lead={w.intro}>
      {children}
    </ModulePage>
  );
}
