import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/auth";
import { ModulePage } from "@/components/module-page";
import { getI18n } from "@/i18n/server";
import { canProduce } from "./access";

/** Production records are a manufacturer's own: other organisations and roles get the 403 page. */
export default async function ProductionLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/production");
  if (!canProduce(user, "read")) forbidden();
  const { t } = await getI18n();
  return (
    <ModulePage organisation={user.tenantName} title={t.production.title} lead={t.production.intro}>
      {children}
    </ModulePage>
  );
}
