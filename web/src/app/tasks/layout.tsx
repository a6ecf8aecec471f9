import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/auth";
import { ModulePage } from "@/components/module-page";
import { getI18n } from "@/i18n/server";
import { canSeeTasks } from "../quality/access";

/** The tasks early warning hands out (EW-3): any role of a manufacturer may own one. */
export default async function TasksLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/tasks");
  if (!canSeeTasks(user)) forbidden();
  const { t } = await getI18n();
  return (
    <ModulePage organisation={user.tenantName} title={t.tasks.title} lead={t.tasks.intro}>
      {children}
    </ModulePage>
  );
}
