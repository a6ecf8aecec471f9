import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/auth";
import { ModulePage } from "@/components/module-page";
import { getI18n } from "@/i18n/server";

/** Purchasing is a manufacturer's internal record: other kinds of organisation get the 403 page. */
export default async function ProcurementLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/procurement");
  if (user.tenantKind !== "manufacturer") forbidden();
  const { t } = await getI18n();
  return (
    <ModulePage organisation={user.tenantName} title={t.procurement.title} lead={t.procurement.intro}>
      {children}
    </ModulePage>
  );
}
