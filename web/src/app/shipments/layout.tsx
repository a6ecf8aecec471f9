import type { ReactNode } from "react";
import { requireManufacturer } from "@/auth";
import { ModulePage } from "@/components/module-page";
import { getI18n } from "@/i18n/server";

/** Shipments are a manufacturer's internal record: other kinds of organisation get the 403 page. */
export default async function ShipmentsLayout({ children }: { children: ReactNode }) {
  const { user } = await requireManufacturer("/shipments");
  const { t } = await getI18n();
  return (
    <ModulePage organisation={user.tenantName} title={t.shipping.title} lead={t.shipping.intro}>
      {children}
    </ModulePage>
  );
}
