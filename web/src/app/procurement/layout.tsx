import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/auth";
import { getI18n } from "@/i18n/server";

/** Purchasing is a manufacturer's internal record: other kinds of organisation get the 403 page. */
export default async function ProcurementLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/procurement");
  if (user.tenantKind !== "manufacturer") forbidden();
  const { t } = await getI18n();
  return (
    <div className="page">
      <div className="page-header">
        <p className="eyebrow">{user.tenantName}</p>
        <h1 className="page-title">{t.procurement.title}</h1>
        <p className="lead">{t.procurement.intro}</p>
      </div>
      {children}
    </div>
  );
}
