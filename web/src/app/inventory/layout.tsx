import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/auth";
import { getI18n } from "@/i18n/server";

/** Inventory is a manufacturer's internal record: other kinds of organisation get the 403 page. */
export default async function InventoryLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser("/inventory");
  if (user.tenantKind !== "manufacturer") forbidden();
  const { t } = await getI18n();
  const tabs = [
    { href: "/inventory", label: t.inventory.tabs.stock },
    { href: "/inventory/moves", label: t.inventory.tabs.moves },
    { href: "/inventory/counts", label: t.inventory.tabs.counts },
    { href: "/inventory/fefo", label: t.inventory.tabs.fefo },
  ];
  return (
    <div className="page">
      <div className="page-header">
        <p className="eyebrow">{user.tenantName}</p>
        <h1 className="page-title">{t.inventory.title}</h1>
        <p className="lead">{t.inventory.intro}</p>
        <nav aria-label={t.inventory.title}>
          <ul className="chips">
            {tabs.map((tab) => (
              <li key={tab.href} className="chip">
                <a href={tab.href}>{tab.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {children}
    </div>
  );
}
