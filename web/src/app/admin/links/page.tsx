import { tenantAdmin } from "@medloop/shared/contracts/tenant-admin";
import type { Metadata } from "next";
import { requireRole } from "@/auth";
import { errorMessage, format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { mayCall } from "@/server/may";
import { InviteForm } from "./invite-form";
import { LinkActions } from "./link-actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.links.title };
}

/**
 * The organisation's links with others (SEC-3, admin only): a manufacturer or partner invites a
 * hospital, the hospital's admin accepts or refuses, either side revokes.
 */
export default async function LinksPage() {
  const { user: me } = await requireRole("admin", "/admin/links");
  const { t, locale } = await getI18n();
  let links: Awaited<ReturnType<typeof api.tenantAdmin.tenantLinks.listTenantLinks>>["items"];
  try {
    links = (await api.tenantAdmin.tenantLinks.listTenantLinks()).items;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return (
      <div className="page">
        <h1 className="page-title">{t.links.title}</h1>
        <p className="alert alert-error" role="alert">
          {errorMessage(t, e.code, e.message)}
        </p>
      </div>
    );
  }
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium" });
  const words = { links: t.links, errors: t.errors, fields: t.fields };
  const mayInvite = mayCall(me, tenantAdmin.resources.tenantLinks.inviteTenant);

  return (
    <div className="page">
      <div className="page-header">
        <p className="eyebrow">{me.tenantName}</p>
        <h1 className="page-title">{t.links.title}</h1>
        <p className="lead">{format(t.links.intro, { tenant: me.tenantName })}</p>
      </div>
      <div className="admin-layout">
        <section className="card admin-list" aria-labelledby="links-caption">
          <div className="table-wrap">
            <table className="table" data-testid="links-table">
              <caption id="links-caption" className="table-caption">
                {format(t.links.listCaption, { tenant: me.tenantName })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t.links.partner}</th>
                  <th scope="col">{t.links.status}</th>
                  <th scope="col">{t.links.changed}</th>
                  <th scope="col">{t.links.actions}</th>
                </tr>
              </thead>
              <tbody>
                {links.length === 0 && (
                  <tr>
                    <td colSpan={4} className="empty-cell">
                      {t.links.empty}
                    </td>
                  </tr>
                )}
                {links.map((l) => (
                  <tr
                    key={l.partnerTenantId}
                    data-testid="link-row"
                    data-partner={l.partnerTenantId}
                    data-status={l.status}
                  >
                    <th scope="row" className="cell-user">
                      <span className="cell-name">{l.partnerName}</span>
                      <span className="cell-email">
                        {t.kinds[l.partnerKind]} · {l.partnerTenantId} ·{" "}
                        {l.side === "inviter" ? t.links.sideInviter : t.links.sideInvitee}
                      </span>
                    </th>
                    <td>
                      <span className={`badge badge-${l.status === "accepted" ? "active" : "disabled"}`}>
                        {t.links.statuses[l.status]}
                      </span>
                      {l.reason && <p className="hint">{l.reason}</p>}
                    </td>
                    <td>
                      <time dateTime={l.changedAt}>{when.format(new Date(l.changedAt))}</time>{" "}
                      {l.changedByTenantId === me.tenantId
                        ? t.links.byYou
                        : format(t.links.byPartner, { partner: l.partnerName })}
                    </td>
                    <td className="cell-actions">
                      <LinkActions
                        link={{ partnerTenantId: l.partnerTenantId, side: l.side, status: l.status }}
                        t={words}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        {mayInvite && (
          <aside className="card admin-create" aria-labelledby="invite-title">
            <h2 id="invite-title" className="card-title">
              {t.links.invite.title}
            </h2>
            <InviteForm t={words} />
          </aside>
        )}
      </div>
    </div>
  );
}
