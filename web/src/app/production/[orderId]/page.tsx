import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { canTrace } from "@/app/trace/access";
import { requireUser } from "@/auth";
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
    api.production.order(orderId).catch((e) => {
      // Another organisation's order and no order at all read the same: not found.
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) notFound();
      throw e;
    }),
    api.people(),
    can("issue") || can("receive") ? api.inventory.catalogue() : undefined,
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

      <section className="card">
        <h2 className="card-title">{format(w.bom, { revision: order.bom.revision, from: order.bom.effectiveFrom })}</h2>
        <div className="table-wrap">
          <table className="table" data-testid="order-bom">
            <thead>
              <tr>
                <th scope="col">{w.position}</th>
                <th scope="col">{w.material}</th>
                <th scope="col">{w.perUnit}</th>
                <th scope="col">{w.tracking}</th>
              </tr>
            </thead>
            <tbody>
              {order.bom.lines.map((l) => (
                <tr key={l.position}>
                  <td>{l.position}</td>
                  <td>
                    {l.materialCode} · {l.materialName}
                  </td>
                  <td>
                    {l.quantity} {l.unit}
                  </td>
                  <td>{l.tracking}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2 className="card-title">
          {format(w.route, { revision: order.route.revision, from: order.route.effectiveFrom })}
        </h2>
        <div className="table-wrap">
          <table className="table" data-testid="order-route">
            <thead>
              <tr>
                <th scope="col">{w.sequence}</th>
                <th scope="col">{w.operation}</th>
                <th scope="col">{w.workCentre}</th>
                <th scope="col">{w.inspection}</th>
                <th scope="col">{w.reported}</th>
              </tr>
            </thead>
            <tbody>
              {operations.map((o) => {
                const r = reported(o.sequence);
                return (
                  <tr key={o.sequence} data-testid="route-operation" data-sequence={o.sequence} data-good={r.good}>
                    <td>{o.sequence}</td>
                    <td>
                      {o.code} · {o.name}
                    </td>
                    <td>{o.workCentreCode}</td>
                    <td>{o.inspection}</td>
                    <td>
                      {r.good} / {r.scrap}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card">
        <h2 className="card-title">{w.issues}</h2>
        {record.issues.length === 0 ? (
          <p className="empty-state">{w.noIssues}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="order-issues">
              <thead>
                <tr>
                  <th scope="col">{w.material}</th>
                  <th scope="col">{w.lot}</th>
                  <th scope="col">{w.quantity}</th>
                  <th scope="col">{w.origin}</th>
                  <th scope="col">{w.issuedAt}</th>
                  <th scope="col">{w.by}</th>
                </tr>
              </thead>
              <tbody>
                {record.issues.map((i) => (
                  <tr key={i.lineId} data-testid="issue-line" data-lot={i.lotNo}>
                    <td>
                      {i.materialCode} · {i.materialName}
                    </td>
                    <td>
                      {tracer ? (
                        <a
                          href={`/trace/forward?materialId=${encodeURIComponent(i.materialId)}&lotNo=${encodeURIComponent(i.lotNo)}`}
                          title={w.traceForward}
                        >
                          {i.serialNo ? `${i.lotNo} / ${i.serialNo}` : i.lotNo}
                        </a>
                      ) : i.serialNo ? (
                        `${i.lotNo} / ${i.serialNo}`
                      ) : (
                        i.lotNo
                      )}
                    </td>
                    <td>
                      {i.quantity} {i.unit}
                    </td>
                    <td>{i.origin ? (i.origin.supplierName ?? i.origin.supplierId) : "–"}</td>
                    <td>{when(i.issuedAt)}</td>
                    <td>{name(i.issuedBy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card">
        <h2 className="card-title">{w.operations}</h2>
        {record.operations.length === 0 ? (
          <p className="empty-state">{w.noOperations}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="order-operations">
              <thead>
                <tr>
                  <th scope="col">{w.sequence}</th>
                  <th scope="col">{w.good}</th>
                  <th scope="col">{w.scrapped}</th>
                  <th scope="col">{w.units}</th>
                  <th scope="col">{w.equipment}</th>
                  <th scope="col">{w.operator}</th>
                  <th scope="col">{w.finished}</th>
                </tr>
              </thead>
              <tbody>
                {record.operations.map((o) => (
                  <tr key={o.reportId} data-testid="operation-report">
                    <td>
                      {o.sequence} · {o.operationCode}
                    </td>
                    <td>{o.good}</td>
                    <td>{o.scrap}</td>
                    <td>{o.units.length}</td>
                    <td>{o.equipment}</td>
                    <td>{o.operatorName}</td>
                    <td>{when(o.finishedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card">
        <h2 className="card-title">{w.inspections}</h2>
        {record.inspections.length === 0 ? (
          <p className="empty-state">{w.noInspections}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="order-inspections">
              <thead>
                <tr>
                  <th scope="col">{w.kind}</th>
                  <th scope="col">{w.sequence}</th>
                  <th scope="col">{w.measurements}</th>
                  <th scope="col">{w.result}</th>
                  <th scope="col">{w.by}</th>
                </tr>
              </thead>
              <tbody>
                {record.inspections.map((i) => (
                  <tr key={i.inspectionId} data-testid="inspection" data-result={i.result}>
                    <td>{w.kinds[i.kind]}</td>
                    <td>{i.sequence}</td>
                    <td>
                      {i.measurements
                        .map((m) => `${m.characteristic} ${m.value} ${m.unit} [${m.lower ?? "–"}, ${m.upper ?? "–"}]`)
                        .join("; ")}
                    </td>
                    <td>{w.results[i.result]}</td>
                    <td>{i.inspectorName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card">
        <h2 className="card-title">{w.nonconformances}</h2>
        {record.nonconformances.length === 0 ? (
          <p className="empty-state">{w.noNcs}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="order-ncs">
              <thead>
                <tr>
                  <th scope="col">{w.nc}</th>
                  <th scope="col">{w.description}</th>
                  <th scope="col">{w.quantity}</th>
                  <th scope="col">{w.disposition}</th>
                  <th scope="col">{w.by}</th>
                </tr>
              </thead>
              <tbody>
                {record.nonconformances.map((n) => (
                  <tr key={n.ncId} data-testid="nc" data-status={n.status}>
                    <td>{n.ncNo}</td>
                    <td>{n.description}</td>
                    <td>{n.quantity}</td>
                    <td>
                      {n.disposition
                        ? `${w.dispositions[n.disposition]}${n.concessionNo ? ` (${n.concessionNo})` : ""} — ${n.dispositionReason}`
                        : w.open}
                    </td>
                    <td>{name(n.dispositionedBy ?? n.raisedBy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
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
      </section>

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
