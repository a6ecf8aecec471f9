import type { ReactNode } from "react";
import { requireManufacturer } from "@/auth";
import { getI18n } from "@/i18n/server";
import { MasterDataTabs } from "./tabs";

/** Master data is a manufacturer's own: any other kind of organisation gets the 403 page. */
export default async function MasterDataLayout({ children }: { children: ReactNode }) {
  await requireManufacturer("/master-data/products");
  const { t } = await getI18n();
  const tabs = (["products", "materials", "suppliers", "customers", "warehouses", "import", "dictionary"] as const).map(
    (id) => ({ href: `/master-data/${id}`, label: t.md.tabs[id] }),
  );
  return (
    <div className="page">
      <div className="page-header">
        <p className="eyebrow">{t.md.title}</p>
        <MasterDataTabs items={tabs} label={t.md.title} />
      </div>
      {children}
    </div>
  );
}
