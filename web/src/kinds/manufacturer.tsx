import Link from "next/link";
import { canProduce } from "@/app/production/access";
import { Panel } from "@/components/panel";
import { AdminPanel } from "./admin-panel";
import { HomeHeader } from "./home-header";
import type { HomeProps } from "./index";

export function ManufacturerHome({ user, t }: HomeProps) {
  const m = t.home.manufacturer;
  return (
    <div className="page" data-testid="home-manufacturer">
      <HomeHeader user={user} t={t} lead={m.lead} />
      <div className="grid grid-3">
        <Panel id="production" title={m.production} body={m.productionBody}>
          {canProduce(user, "read") && (
            <Link href="/production" className="button button-primary">
              {m.productionLink}
            </Link>
          )}
        </Panel>
        <Panel id="quality" title={m.quality} body={m.qualityBody} empty={m.qualityEmpty} />
        <Panel id="service" title={m.service} body={m.serviceBody} empty={m.serviceEmpty} />
      </div>
      <AdminPanel user={user} t={t} />
    </div>
  );
}
