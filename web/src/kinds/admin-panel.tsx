import Link from "next/link";
import { Panel } from "@/components/panel";
import { format } from "@/i18n";
import type { HomeProps } from "./index";

/** Shown to administrators of any kind of organisation. */
export function AdminPanel({ user, t }: HomeProps) {
  if (!user.roles.includes("admin")) return null;
  return (
    <Panel id="admin" title={t.home.admin.title} body={format(t.home.admin.body, { tenant: user.tenantName })}>
      <Link href="/admin/users" className="button button-primary">
        {t.home.admin.link}
      </Link>
    </Panel>
  );
}
