"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function MasterDataTabs({ items, label }: { items: { href: string; label: string }[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label}>
      <ul className="tabs">
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} className="tab" aria-current={pathname.startsWith(item.href) ? "page" : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
