import type { ReactNode } from "react";
import { requireManufacturer } from "@/auth";
import { getI18n } from "@/i18n/server";

/** Shipments are a manufacturer's internal record: other kinds of organisation get the 403 page. */
export default async function ShipmentsLayout({ children }: { children: ReactNode }) {
  const { user } = await requireManufacturer("/shipments");
  const { t } = await getI18n();
  return (
    <div className="page">
      <div className="page-header">
        <p className="eyebrow">{user.tenantName}</p>
        <h1 className="page-title">{t.shipping.title}</h1>
        <p className="lead">{t.shipping.intro}</p>
      </div>
      {children}
    </div>
  );
}
