import { randomUUID } from "node:crypto";
import { procurement } from "@medloop/shared/contracts/procurement";
import { planFor as planOf } from "@medloop/shared/procurement/sampling";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/auth";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { mayCall } from "@/server/may";
import { Proc } from "@/server/schemas";
import { ApproveButton, InspectForm, ReceiveForm } from "./forms";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.procurement.orders };
}

const { purchaseOrders, poReceipts } = procurement.resources;
// Overriding the qualification gate is part of a receipt, signed by quality (or the admin): no route of its own.
const OVERRIDERS = ["quality-engineer", "admin"];

/** One order: lines with what arrived, receipts (with the certificates in force and any signed override), inspections. */
export default async function OrderPage({ params }: { params: Promise<{ poId: string }> }) {
  const { poId } = await params;
  const { user } = await requireUser(`/procurement/${poId}`);
  const { t } = await getI18n();
  const w = t.procurement;
  const may = (roles: string[]) => user.roles.some((r) => roles.includes(r));
  const detail = await api.procurement.purchaseOrders.get({ params: { poId } }).catch((e) => {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) notFound();
    throw e;
  });
  const { order, receipts, inspections } = detail;
  const catalogue =
    order.status === "approved" && mayCall(user, poReceipts.receive)
      ? await api.inventory.stock.catalogue()
      : undefined;
  const material = (id: string) => order.lines.find((l) => l.materialId === id);
  const words = { procurement: t.procurement, errors: t.errors, fields: t.fields };
  const plansFor = (lotSize: number) => Object.fromEntries(Proc.AQLS.map((aql) => [aql, planOf({ lotSize, aql })]));
  return (
    <>
      <p>
        <a href="/procurement">← {w.back}</a>
      </p>
      <section className="card" data-testid="po-header" data-status={order.status}>
        <h2 className="card-title">
          {order.number} · {order.supplierCode} · {order.supplierName}
        </h2>
        <p>
          {w.status}: <strong>{w.statuses[order.status]}</strong>
        </p>
        {order.status === "draft" && mayCall(user, purchaseOrders.approve) && <ApproveButton poId={poId} t={words} />}
        <div className="table-wrap">
          <table className="table" data-testid="po-lines">
            <caption className="table-caption">{w.lines}</caption>
            <thead>
              <tr>
                <th scope="col">{w.line}</th>
                <th scope="col">{w.material}</th>
                <th scope="col">{w.ordered}</th>
                <th scope="col">{w.received}</th>
                <th scope="col">{w.due}</th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((l) => (
                <tr key={l.lineNo}>
                  <td>{l.lineNo}</td>
                  <td>
                    {l.materialCode} · {l.materialName}
                  </td>
                  <td>
                    {l.quantity} {l.unit}
                  </td>
                  <td data-testid="line-received">{l.received}</td>
                  <td>{l.dueDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {catalogue && (
        <section className="card admin-create" aria-labelledby="receive-title">
          <h2 id="receive-title" className="card-title">
            {w.receive.title}
          </h2>
          <ReceiveForm
            poId={poId}
            catalogue={catalogue}
            canOverride={may(OVERRIDERS)}
            initialKey={randomUUID()}
            t={words}
          />
        </section>
      )}
      <section className="card">
        <div className="table-wrap">
          <table className="table" data-testid="po-receipts">
            <caption className="table-caption">{w.receipts}</caption>
            <thead>
              <tr>
                <th scope="col">{w.material}</th>
                <th scope="col">{w.lot}</th>
                <th scope="col">{w.serial}</th>
                <th scope="col">{w.expiry}</th>
                <th scope="col">{w.quantity}</th>
                <th scope="col">{w.certificates}</th>
                <th scope="col">{w.status}</th>
              </tr>
            </thead>
            <tbody>
              {receipts.length === 0 && (
                <tr>
                  <td colSpan={7} className="empty-cell">
                    {w.noReceipts}
                  </td>
                </tr>
              )}
              {receipts.map((r) => (
                <tr key={r.receiptId} data-testid="receipt-row" data-lot={r.lotNo} data-status={r.status}>
                  <td>{material(r.materialId)?.materialCode}</td>
                  <td>
                    <a href={`/inventory/lots/${r.materialId}/${encodeURIComponent(r.lotNo)}`}>{r.lotNo}</a>
                  </td>
                  <td>{r.serialNo ?? "—"}</td>
                  <td>{r.expiresOn ?? "—"}</td>
                  <td>{r.quantity}</td>
                  <td>
                    {r.certificates.map((c) => `${c.code} (→ ${c.expiresOn})`).join(", ") || "—"}
                    {r.override && (
                      <p className="hint" data-testid="override-badge" title={r.override.manifest}>
                        {w.overridden}: {r.override.manifest} — {r.override.reason}
                      </p>
                    )}
                  </td>
                  <td>{w.receiptStatuses[r.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {mayCall(user, poReceipts.inspect) &&
        receipts
          .filter((r) => r.status === "awaiting-inspection")
          .map((r) => (
            <section key={r.receiptId} className="card admin-create">
              <InspectForm poId={poId} receiptId={r.receiptId} lotNo={r.lotNo} plans={plansFor(r.quantity)} t={words} />
            </section>
          ))}
      {inspections.length > 0 && (
        <section className="card">
          <div className="table-wrap">
            <table className="table" data-testid="po-inspections">
              <caption className="table-caption">{w.inspections}</caption>
              <thead>
                <tr>
                  <th scope="col">{w.lot}</th>
                  <th scope="col">{w.inspect.aql}</th>
                  <th scope="col">{w.sample}</th>
                  <th scope="col">{w.defectives}</th>
                  <th scope="col">{w.result}</th>
                </tr>
              </thead>
              <tbody>
                {inspections.map((i) => (
                  <tr key={i.receiptId} data-testid="inspection-row" data-result={i.result}>
                    <td>{i.lotNo}</td>
                    <td>{i.plan.aql}</td>
                    <td>
                      {i.plan.sampleSize} (Ac {i.plan.acceptance} / Re {i.plan.rejection})
                    </td>
                    <td>{i.defectives}</td>
                    <td>
                      {w.receiptStatuses[i.result]}
                      {i.rejection
                        ? ` — ${i.rejection.reason} (${w.inspect.dispositions[i.rejection.disposition]})`
                        : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
