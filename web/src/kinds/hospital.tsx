import Link from "next/link";
import { Panel } from "@/components/panel";
import { format } from "@/i18n";
import { AdminPanel } from "./admin-panel";
import { HomeHeader } from "./home-header";
import type { HomeProps } from "./index";

export function HospitalHome({ user, t }: HomeProps) {
  const h = t.home.hospital;
  return (
    <div className="page" data-testid="home-hospital">
      <HomeHeader user={user} t={t} lead={h.lead} />
      <div className="grid grid-2">
        <Panel id="devices" title={h.devices} body={format(h.devicesBody, { tenant: user.tenantName })}>
          <Link href="/installed-base" className="button button-primary">
            {h.devicesLink}
          </Link>
        </Panel>
        <Panel id="requests" title={h.requests} body={h.requestsBody} empty={h.requestsEmpty} />
      </div>
      <AdminPanel user={user} t={t} />
    </div>
  );
}
