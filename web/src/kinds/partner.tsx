import { Panel } from "@/components/panel";
import { AdminPanel } from "./admin-panel";
import { HomeHeader } from "./home-header";
import type { HomeProps } from "./index";

export function PartnerHome({ user, t }: HomeProps) {
  const p = t.home.partner;
  return (
    <div className="page" data-testid="home-partner">
      <HomeHeader user={user} t={t} lead={p.lead} />
      <div className="grid grid-2">
        <Panel id="dispatch" title={p.dispatch} body={p.dispatchBody} empty={p.dispatchEmpty} />
        <Panel id="work" title={p.work} body={p.workBody} empty={p.workEmpty} />
      </div>
      <AdminPanel user={user} t={t} />
    </div>
  );
}
