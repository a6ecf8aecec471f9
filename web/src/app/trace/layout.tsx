import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/auth";
import { ModulePage } from "@/components/module-page";
import { getI18n } from "@/i18n/server";
import { canTrace } from "./access";

/** The genealogy names suppliers, lots and internal records: a manufacturer's tracers only (403 page). */
export default async function TraceLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/trace");
  if (!canTrace(user)) forbidden();
  const { t } = await getI18n();
  return (
    <ModulePage organisation={user.tenantName} title={t.trace.title} lead={t.trace.intro}>
      {children}
    </ModulePage>
  );
}
