import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { canTrace } from "@/app/trace/access";
import { requireUser } from "@/auth";
import { RecordTable } from "@/components/record-table";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { ApiError, api } from "@/server/api";
import { canProduce } from "../access";
import { DispositionForm, InspectForm, IssueForm, RaiseNcForm, ReceiveForm, ReleaseForm, ReportForm } from "./forms";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.production.orders };
}

const when = (iso: string) => iso.slice(0, 16).replace("T", " ");
const OPEN = new Set(["released", "in-progress"]);

/** The order's record (MES-1…4) in one page, with the steps the user's roles may record on it. */
export default async function ProductionOrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  const { user } = await requireUser(`/production/${orderId}`);
  const { t } = await getI18n();
  const w = t.production;
  const words = { production: w, errors: t.errors, fields: t.fields };
  const can = (a: Parameters<typeof canProduce>[1]) => canProduce(user, a);
  const [record, people, catalogue] = await Promise.all([
    api.production.productionOrders.order({ params: { orderId } }).catch((e) => {
      // Another organisation's order and no order at all read the same: not found.
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) notFound();
      throw e;
    }),
    api.tenantAdmin.people.listPeople(),
    can("issue") || can("receive") ? api.inventory.stock.catalogue() : undefined,
  ]);
  const name = (actor: string) => people.items.find((p) => p.actor === actor)?.name ?? actor;
  const { order } = record;
  const open = OPEN.has(order.status);
  const reported = (sequence: number) =>
    record.operations
      .filter((o) => o.sequence === sequence)
      .reduce((sum, o) => ({ good: sum.good + o.good, scrap: sum.scrap + o.scrap }), { good: 0, scrap: 0 });
  const serials = [...new Set(record.operations.flatMap((o) => o.units.map((u) => u.serialNo)))].sort();
  const tracer = canTrace(user);
  const udiOf = (serialNo: string) => `(01)${order.udiDi}(10)${order.fgLotNo}(21)${serialNo}`;
  const operations = order.route.operations;
  const openNcs = record.nonconformances.filter((n) => n.status === "open");

  return (
    <>
      <p>
        <a href="/production">← {w.back}</a>
      </p>
      <section className="card" data-testid="order-header" data-status={order.status}>
        <h2 className="card-title">
          {order.orderNo} · {w.statuses[order.status]}
        </h2>
        <p>
          {format(w.facts, {
            product: `${order.productCode} ${order.productName}`,
            quantity: order.quantity,
            lot: order.fgLotNo,
            planned: order.plannedStart,
          })}
        </p>
        <p className="hint">{format(w.releasedBy, { at: when(order.releasedAt), who: name(order.releasedBy) })}</p>
        <p>
          <strong>{w.good}:</strong> <span data-testid="order-good">{order.good}</span> · <strong>{w.scrapped}:</strong>{" "}
          {order.scrapped}
        </p>
      </section>

      {open && (can("issue") || can("report") || can("inspect") || can("raise")) && (
        <section className="card" data-testid="order-actions">
          {can("issue") && catalogue && (
            <IssueForm
              orderId={orderId}
              materials={order.bom.lines
                .filter((l) => l.tracking !== "none")
                .map((l) => ({ materialId: l.materialId, label: `${l.materialCode} · ${l.materialName}` }))}
              catalogue={catalogue}
              initialKey={randomUUID()}
              t={words}
            />
          )}
          {can("report") && (
            <ReportForm orderId={orderId} operations={operations} initialKey={randomUUID()} t={words} />
          )}
          {can("inspect") && (
            <InspectForm orderId={orderId} operations={operations} initialKey={randomUUID()} t={words} />
          )}
          {can("raise") && (
            <RaiseNcForm orderId={orderId} operations={operations} initialKey={randomUUID()} t={words} />
          )}
        </section>
      )}

      <RecordTable
        title={format(w.bom, { revision: order.bom.revision, from: order.bom.effectiveFrom })}
        empty=""
        head={[w.position, w.material, w.perUnit, w.tracking]}
        testId="order-bom"
        rowTestId="bom-line"
        rows={order.bom.lines.map((l) => ({
          key: String(l.position),
          cells: [l.position, `${l.materialCode} · ${l.materialName}`, `${l.quantity} ${l.unit}`, l.tracking],
        }))}
      />
      <RecordTable
        title={format(w.route, { revision: order.route.revision, from: order.route.effectiveFrom })}
        empty=""
        head={[w.sequence, w.operation, w.workCentre, w.inspection, w.reported]}
        testId="order-route"
        rowTestId="route-operation"
        rows={operations.map((o) => {
          const r = reported(o.sequence);
          return {
            key: String(o.sequence),
            cells: [o.sequence, `${o.code} · ${o.name}`, o.workCentreCode, o.inspection, `${r.good} / ${r.scrap}`],
            data: { sequence: o.sequence, good: r.good },
          };
        })}
      />
      <RecordTable
        title={w.issues}
        empty={w.noIssues}
        head={[w.material, w.lot, w.quantity, w.origin, w.issuedAt, w.by]}
        testId="order-issues"
        rowTestId="issue-line"
        rows={record.issues.map((i) => {
          const lot = i.serialNo ? `${i.lotNo} / ${i.serialNo}` : i.lotNo;
          const forward = `/trace/forward?materialId=${encodeURIComponent(i.materialId)}&lotNo=${encodeURIComponent(i.lotNo)}`;
          return {
            key: i.lineId,
            cells: [
              `${i.materialCode} · ${i.materialName}`,
              tracer ? (
                <a key="lot" href={forward} title={w.traceForward}>
                  {lot}
                </a>
              ) : (
                lot
              ),
              `${i.quantity} ${i.unit}`,
              i.origin ? (i.origin.supplierName ?? i.origin.supplierId) : "–",
              when(i.issuedAt),
              name(i.issuedBy),
            ],
            data: { lot: i.lotNo },
          };
        })}
      />
      <RecordTable
        title={w.operations}
        empty={w.noOperations}
        head={[w.sequence, w.good, w.scrapped, w.units, w.equipment, w.operator, w.finished]}
        testId="order-operations"
        rowTestId="operation-report"
        rows={record.operations.map((o) => ({
          key: o.reportId,
          cells: [
            `${o.sequence} · ${o.operationCode}`,
            o.good,
            o.scrap,
            o.units.length,
            o.equipment,
            name(o.operatorId),
            when(o.finishedAt),
          ],
        }))}
      />
      <RecordTable
        title={w.inspections}
        empty={w.noInspections}
        head={[w.kind, w.sequence, w.measurements, w.result, w.by]}
        testId="order-inspections"
        rowTestId="inspection"
        rows={record.inspections.map((i) => ({
          key: i.inspectionId,
          cells: [
            w.kinds[i.kind],
            i.sequence,
            i.measurements
              .map((m) => `${m.characteristic} ${m.value} ${m.unit} [${m.lower ?? "–"}, ${m.upper ?? "–"}]`)
              .join("; "),
            w.results[i.result],
            name(i.inspectorId),
          ],
          data: { result: i.result },
        }))}
      />
      <RecordTable
        title={w.nonconformances}
        empty={w.noNcs}
        head={[w.nc, w.description, w.quantity, w.disposition, w.by]}
        testId="order-ncs"
        rowTestId="nc"
        rows={record.nonconformances.map((n) => ({
          key: n.ncId,
          cells: [
            n.ncNo,
            n.description,
            n.quantity,
            n.disposition
              ? `${w.dispositions[n.disposition]}${n.concessionNo ? ` (${n.concessionNo})` : ""} — ${n.dispositionReason}`
              : w.open,
            name(n.dispositionedBy ?? n.raisedBy),
          ],
          data: { status: n.status },
        }))}
      >
        {can("disposition") &&
          openNcs.map((n) => (
            <DispositionForm
              key={n.ncId}
              orderId={orderId}
              ncId={n.ncId}
              ncNo={n.ncNo}
              initialKey={randomUUID()}
              t={words}
            />
          ))}
      </RecordTable>

      <section className="card">
        <h2 className="card-title">{w.serials}</h2>
        {serials.length === 0 ? (
          <p className="empty-state">{w.noSerials}</p>
        ) : (
          <ul className="chips" data-testid="order-serials">
            {serials.map((s) => (
              <li key={s} className="tag" data-testid="order-serial" data-serial={s}>
                {tracer ? (
                  <a href={`/trace/backward?udi=${encodeURIComponent(udiOf(s))}`} title={w.traceBack}>
                    {s}
                  </a>
                ) : (
                  s
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" data-testid="order-release">
        <h2 className="card-title">{w.release}</h2>
        {record.release ? (
          <p data-testid="release-state">
            {format(w.releasedFor, {
              signer: record.release.signerName,
              at: when(record.release.signedAt),
              meaning: record.release.meaning,
              good: record.release.good,
            })}
          </p>
        ) : (
          <p>{w.notReleased}</p>
        )}
        {!record.release && order.status === "in-progress" && can("release") && (
          <ReleaseForm orderId={orderId} t={words} />
        )}
        <h2 className="card-title">{w.receipt}</h2>
        {order.status === "received" && <p data-testid="receipt-state">{w.receivedState}</p>}
        {order.status === "released-for-sale" && can("receive") && catalogue && (
          <ReceiveForm orderId={orderId} catalogue={catalogue} initialKey={randomUUID()} t={words} />
        )}
      </section>
    </>
  );
}
