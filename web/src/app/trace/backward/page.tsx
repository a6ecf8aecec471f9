import type { Metadata } from "next";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readOrRefusal } from "@/server/read";
import { custodianText } from "../custodian";
import { searchOptions, traceNames } from "../lookups";
import { TraceSearch } from "../search";
import { timelineOf } from "./timeline";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.trace.backwardTitle };
}

const when = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** TR-1: a unit's evidence chain, from its UDI, as a timeline. */
export default async function BackwardTracePage({ searchParams }: { searchParams: Promise<{ udi?: string }> }) {
  const { t } = await getI18n();
  const w = t.trace;
  const udi = (await searchParams).udi?.trim() ?? "";
  // The search's choices, the trace and the names it needs: one wave of reads, not three.
  const [options, read, names] = await Promise.all([
    searchOptions(),
    udi ? readOrRefusal(t, api.traceability.trace.backward({ query: { udi } })) : undefined,
    udi ? traceNames() : undefined,
  ]);
  const trace = read?.value;
  const refusal = read?.refusal;
  return (
    <>
      <TraceSearch t={t} {...options} udi={udi} />
      {refusal && (
        <p className="alert alert-error" role="alert" data-testid="trace-error">
          {refusal}
        </p>
      )}
      {trace && names && (
        <>
          <section className="card" aria-labelledby="unit-title" data-testid="trace-unit">
            <h2 id="unit-title" className="card-title">
              {format(w.unit, { serial: trace.unit.serialNo, product: trace.record.order.productName })}
            </h2>
            <p>
              {format(w.unitLine, {
                code: trace.record.order.productCode,
                udiDi: trace.record.order.udiDi,
                lot: trace.unit.fgLotNo,
                order: trace.record.order.orderNo,
              })}
            </p>
            <p>
              <a
                className="button"
                href={`/trace/backward/report.pdf?udi=${encodeURIComponent(udi)}`}
                data-testid="trace-report"
                download
              >
                {w.report.link}
              </a>
            </p>
            <p data-testid="trace-custodian">
              <strong>{w.custodian}:</strong> {custodianText(t, trace.custodian, names, trace.unit.state)}
            </p>
            {trace.unit.components.length > 0 && (
              <p>
                <strong>{w.components}:</strong>{" "}
                {trace.unit.components.map((c) => `${c.serialNo}${c.lotNo ? ` (${c.lotNo})` : ""}`).join(", ")}
              </p>
            )}
            {trace.subAssemblies.length > 0 && (
              <p>
                <strong>{w.subAssemblies}:</strong>{" "}
                {trace.subAssemblies.map((s) => `${s.order.orderNo} · ${s.order.fgLotNo}`).join(", ")}
              </p>
            )}
            <p className="hint">
              {format(w.cost, { roundTrips: trace.cost.roundTrips, capacity: trace.cost.capacityUnits })}
            </p>
          </section>
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title" className="card-title">
              {w.timeline}
            </h2>
            <table className="table" data-testid="trace-timeline">
              <caption>{w.timelineCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{w.when}</th>
                  <th scope="col">{w.what}</th>
                  <th scope="col">{w.who}</th>
                  <th scope="col">{w.evidence}</th>
                </tr>
              </thead>
              <tbody>
                {timelineOf(trace.record, t).map((e) => (
                  <tr key={e.id} data-testid="trace-entry" data-kind={e.kind}>
                    <td>
                      <time dateTime={e.at}>{when(e.at)}</time>
                    </td>
                    <td>{e.what}</td>
                    <td>{names.people.get(e.who) ?? e.who}</td>
                    <td>{e.evidence.join(" · ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}
