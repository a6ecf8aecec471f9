import { format } from "@/i18n";
import type { HomeProps } from "./index";

export function HomeHeader({ user, t, lead }: HomeProps & { lead: string }) {
  return (
    <div className="page-header">
      <p className="eyebrow">{format(t.home.overview, { tenant: user.tenantName })}</p>
      <h1 className="page-title">{format(t.home.welcome, { name: user.name })}</h1>
      <p className="lead">{lead}</p>
      <div className="role-line">
        <span className="role-line-label">{t.home.yourRoles}:</span>
        <ul className="chips" aria-label={t.home.yourRoles}>
          {user.roles.map((r) => (
            <li key={r} className="chip">
              {t.roles[r]}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
