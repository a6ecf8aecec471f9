import type { Metadata } from "next";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import type { Md } from "@/server/schemas";
import { DataTable, loadOr, StatusBadge } from "../ui";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.md.tabs.suppliers} · ${t.md.title}` };
}

const tone = { valid: "active", expiring: "warning", expired: "disabled", "not-yet-valid": "kind" } as const;

/** Suppliers with their certificates; expired and soon-expiring ones are called out on top. */
export default async function SuppliersPage() {
  const { t } = await getI18n();
  const result = await loadOr(t, async () => {
    const [suppliers, certificates] = await Promise.all([
      api.masterData.suppliers.list(),
      api.masterData.certificates.listCertificates(),
    ]);
    return { suppliers: suppliers.items, certificates: certificates.items };
  });
  if ("error" in result) return result.error;
  const { suppliers, certificates } = result.data;
  const bySupplier = new Map<string, Md.Certificate[]>();
  for (const cert of certificates) bySupplier.set(cert.supplierId, [...(bySupplier.get(cert.supplierId) ?? []), cert]);
  const expired = certificates.filter((x) => x.validity === "expired").length;
  const expiring = certificates.filter((x) => x.validity === "expiring").length;
  const c = t.md.col;
  return (
    <>
      <p className="lead">{t.md.lead.suppliers}</p>
      {expired + expiring > 0 && (
        <p className="alert alert-error" role="status" data-testid="certificate-warning">
          {format(t.md.certWarning, { expired, expiring })}
        </p>
      )}
      <DataTable
        testId="suppliers-table"
        caption={t.md.tabs.suppliers}
        head={[c.code, c.name, c.country, c.approval, c.certificates, c.status]}
        empty={t.md.empty}
        rows={suppliers.map((s) => ({
          key: s.supplierId,
          attrs: { "data-code": s.code },
          cells: [
            s.code,
            s.name,
            s.country,
            s.approval,
            <ul key="certs" className="cert-list">
              {(bySupplier.get(s.supplierId) ?? []).map((cert) => (
                <li key={cert.certificateId} data-testid="certificate" data-validity={cert.validity}>
                  <span className="cert-code">{cert.code}</span> · {cert.type} · {c.expiresOn} {cert.expiresOn}{" "}
                  <span className={`badge badge-${tone[cert.validity]}`}>
                    {format(t.md.validity[cert.validity], { days: cert.daysToExpiry })}
                  </span>
                </li>
              ))}
            </ul>,
            <StatusBadge key="s" status={s.status} t={t} />,
          ],
        }))}
      />
    </>
  );
}
