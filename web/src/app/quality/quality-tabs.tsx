"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The quality module's parts; the current one is the longest tab path the page's path starts with. */
export function QualityTabs({ items, label }: { items: { href: string; label: string }[]; label: string }) {
  const pathname = usePathname();
  const current = items
    .filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label={label}>
      <ul className="tabs">
        {items.map((i) => (
          <li key={i.href}>
            <Link className="tab" href={i.href} aria-current={i.href === current ? "page" : undefined}>
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
