import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { requireRole } from "@/auth";
import { errorMessage, format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { CreateUserForm } from "./create-user-form";
import { UserActions } from "./user-actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.admin.title };
}

/** The organisation's users (admin only): list, create, change roles, disable and enable. */
export default async function UsersPage() {
  const { user: me } = await requireRole("admin", "/admin/users");
  const { t, locale } = await getI18n();
  let data: Awaited<ReturnType<typeof load>>;
  try {
    data = await load();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return (
      <div className="page">
        <h1 className="page-title">{t.admin.title}</h1>
        <p className="alert alert-error" role="alert">
          {errorMessage(t, e.code, e.message)}
        </p>
      </div>
    );
  }
  const { users, roles, alerts } = data;
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "short", timeStyle: "short" });
  const collator = new Intl.Collator(locale === "zh" ? "zh-CN" : "en");
  const sorted = [...users].sort((a, b) => collator.compare(a.name, b.name));
  const words = { admin: t.admin, roles: t.roles, errors: t.errors, fields: t.fields };

  return (
    <div className="page">
      <div className="page-header">
        <p className="eyebrow">{me.tenantName}</p>
        <h1 className="page-title">{t.admin.title}</h1>
        <p className="lead">{format(t.admin.intro, { tenant: me.tenantName })}</p>
      </div>
      <div className="admin-layout">
        <section className="card admin-list" aria-labelledby="users-caption">
          <div className="table-wrap">
            <table className="table" data-testid="users-table">
              <caption id="users-caption" className="table-caption">
                {format(t.admin.listCaption, { tenant: me.tenantName })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    {t.admin.name} · {t.admin.email}
                  </th>
                  <th scope="col">{t.admin.roles}</th>
                  <th scope="col">{t.admin.status}</th>
                  <th scope="col">{t.admin.actions}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.length === 0 && (
                  <tr>
                    <td colSpan={4} className="empty-cell">
                      {t.admin.empty}
                    </td>
                  </tr>
                )}
                {sorted.map((u) => (
                  <tr
                    key={u.userId}
                    data-testid="user-row"
                    data-email={u.email}
                    data-status={u.status}
                    data-locked={u.lockedUntil ? "true" : undefined}
                  >
                    <th scope="row" className="cell-user">
                      <span className="cell-name">
                        {u.name}
                        {u.userId === me.userId && <span className="tag">{t.admin.you}</span>}
                      </span>
                      <span className="cell-email">{u.email}</span>
                    </th>
                    <td>
                      <ul className="chips">
                        {u.roles.map((r) => (
                          <li key={r} className="chip">
                            {t.roles[r]}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <span className={`badge badge-${u.status}`}>
                        {u.status === "active" ? t.admin.statusActive : t.admin.statusDisabled}
                      </span>
                      {u.lockedUntil && <span className="badge badge-disabled">{t.admin.statusLocked}</span>}
                    </td>
                    <td className="cell-actions">
                      <UserActions
                        user={{
                          userId: u.userId,
                          name: u.name,
                          roles: u.roles,
                          status: u.status,
                          locked: !!u.lockedUntil,
                        }}
                        isSelf={u.userId === me.userId}
                        roleOptions={roles}
                        t={words}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <aside className="card admin-create" aria-labelledby="create-title">
          <h2 id="create-title" className="card-title">
            {t.admin.create.title}
          </h2>
          <CreateUserForm roleOptions={roles} initialKey={randomUUID()} defaultLocale={locale} t={words} />
        </aside>
      </div>
      {/* Attempts at unauthorised use, reported to the admins (21 CFR 11.300(d)): the latest ten. */}
      <section className="card" aria-labelledby="alerts-title" data-testid="security-alerts">
        <h2 id="alerts-title" className="card-title">
          {t.admin.securityAlerts.title}
        </h2>
        {alerts.length === 0 ? (
          <p>{t.admin.securityAlerts.empty}</p>
        ) : (
          <ul>
            {alerts.map((a) => (
              <li key={a.alertId}>
                <time dateTime={a.at}>{when.format(new Date(a.at))}</time> ·{" "}
                {format(t.admin.securityAlerts[a.kind], { email: a.email ?? "", failures: String(a.failures) })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

async function load() {
  const [list, catalogue, alerts] = await Promise.all([
    api.tenantAdmin.users.listUsers(),
    api.tenantAdmin.roles.listRoles(),
    api.tenantAdmin.securityAlerts.listSecurityAlerts({ query: { limit: 10 } }),
  ]);
  return { users: list.items, roles: catalogue.roles, alerts: alerts.items };
}
