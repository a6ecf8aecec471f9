import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { canSeeNotices } from "@/app/complaints/access";
import { requireUser } from "@/auth";
import { ModulePage } from "@/components/module-page";
import { getI18n } from "@/i18n/server";

/** A hospital's recall notices: others get the 403 page. */
export default async function RecallNoticesLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/recall-notices");
  if (!canSeeNotices(user)) forbidden();
  const { t } = await getI18n();
  const w = t.postMarket.notices;
  return (
    <ModulePage organisation={user.tenantName} title={w.title} lead={w.intro}>
      {children}
    </ModulePage>
  );
}
