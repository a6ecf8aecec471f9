import type { Metadata } from "next";
import Link from "next/link";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { DataTable, loadOr } from "../../ui";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.md.bom} · ${t.md.title}` };
}

/** One product with every BOM and route revision: state, effective window, who released it and why. */
export default async function ProductPage({ params }: { params: Promise<{ productId: string }> }) {
  const { productId } = await params;
  const { t } = await getI18n();
  const result = await loadOr(t, async () => {
    const [product, boms, routes, materials, centres] = await Promise.all([
      api.masterData.products.get({ params: { productId } }),
      api.masterData.boms.listBoms({ params: { productId } }),
      api.masterData.processRoutes.listRoutes({ params: { productId } }),
      api.masterData.materials.list(),
      api.masterData.workCentres.list(),
    ]);
    return { product, boms: boms.items, routes: routes.items, materials: materials.items, centres: centres.items };
  });
  if ("error" in result) return result.error;
  const { product, boms, routes, materials, centres } = result.data;
  const material = new Map(materials.map((m) => [m.materialId, m]));
  const centre = new Map(centres.map((w) => [w.workCentreId, w]));
  const c = t.md.col;
  const window = (r: { effectiveFrom?: string; effectiveTo?: string }) =>
    r.effectiveFrom
      ? r.effectiveTo
        ? format(t.md.effective, { from: r.effectiveFrom, to: r.effectiveTo })
        : format(t.md.effectiveOpen, { from: r.effectiveFrom })
      : "";
  const heading = (r: { revision: number; state: "draft" | "released"; releaseReason?: string; note: string }) => (
    <>
      <h3 className="card-title">
        {format(t.md.revision, { revision: r.revision })}{" "}
        <span className={`badge badge-${r.state === "released" ? "active" : "disabled"}`}>
          {r.state === "released" ? t.md.released : t.md.draft}
        </span>
      </h3>
      <p className="hint">
        {r.note}
        {r.releaseReason && ` — ${format(t.md.releasedBy, { reason: r.releaseReason })}`}
      </p>
    </>
  );
  return (
    <>
      <p>
        <Link href="/master-data/products">← {t.md.back}</Link>
      </p>
      <h1 className="page-title">
        {product.code} · {product.name}
      </h1>
      <p className="lead">
        {c.udiDi}: <code>{product.udiDi}</code> · {c.deviceClass} {product.deviceClass} · {product.modelVersion}
      </p>
      {(product.warrantyMonths !== undefined || product.serviceContact) && (
        <p className="hint" data-testid="product-service">
          {product.warrantyMonths !== undefined && format(c.warranty, { months: product.warrantyMonths })}
          {product.warrantyMonths !== undefined && product.serviceContact && " · "}
          {product.serviceContact && `${c.serviceContact}: ${product.serviceContact}`}
        </p>
      )}
      <h2 className="card-title">{t.md.bom}</h2>
      {boms.length === 0 && <p className="hint">{t.md.noRevisions}</p>}
      {[...boms].reverse().map((b) => (
        <div key={b.revision} data-testid="bom-revision" data-revision={b.revision} data-state={b.state}>
          {heading(b)}
          <DataTable
            testId="bom-lines"
            caption={window(b)}
            head={[c.position, c.material, c.name, c.quantity, c.unit]}
            empty={t.md.empty}
            rows={b.lines.map((l) => ({
              key: String(l.position),
              cells: [
                l.position,
                material.get(l.materialId)?.code ?? l.materialId,
                material.get(l.materialId)?.name ?? "",
                l.quantity,
                l.unit,
              ],
            }))}
          />
        </div>
      ))}
      <h2 className="card-title">{t.md.route}</h2>
      {routes.length === 0 && <p className="hint">{t.md.noRevisions}</p>}
      {[...routes].reverse().map((r) => (
        <div key={r.revision} data-testid="route-revision" data-revision={r.revision}>
          {heading(r)}
          <DataTable
            testId="route-operations"
            caption={window(r)}
            head={[c.sequence, c.code, c.operation, c.workCentre, c.minutes, c.inspection]}
            empty={t.md.empty}
            rows={r.operations.map((o) => ({
              key: String(o.sequence),
              cells: [
                o.sequence,
                o.code,
                o.name,
                centre.get(o.workCentreId)?.code ?? o.workCentreId,
                `${o.setupMinutes} / ${o.runMinutes}`,
                o.inspection,
              ],
            }))}
          />
        </div>
      ))}
    </>
  );
}
