import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/auth";
import { ModulePage } from "@/components/module-page";
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
    <ModulePage
      organisation={user.tenantName}
      title={t.inventory.title}
      lead={t.inventory.intro}
      extra={
        <nav aria-label={t.inventory.title}>
          <ul className="chips">
            {tabs.map((tab) => (
              <li key={tab.href} className="chip">
                <a href={tab.href}>{tab.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      }
    >
      {children}
    </ModulePage>
  );
}
