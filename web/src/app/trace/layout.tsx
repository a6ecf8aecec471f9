import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/auth";
import { getI18n } from "@/i18n/server";
import { canTrace } from "./access";

/** The genealogy names suppliers, lots and internal records: a manufacturer's tracers only (403 page). */
export default async function TraceLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/trace");
  if (!canTrace(user)) forbidden();
  const { t } = await getI18n();
  return (
    <div className="page">
      <div className="page-header">
        <p className="eyebrow">{user.tenantName}</p>
        <h1 className="page-title">{t.trace.title}</h1>
        <p className="lead">{t.trace.intro}</p>
      </div>
      {children}
    </div>
  );
}
