import type { z } from "zod";
import { type Catalogue, format } from "@/i18n";
import type { Trace } from "@/server/schemas";
import { custodianText, type Names } from "../custodian";
import { timelineOf } from "./timeline";

type Backward = z.infer<typeof Trace.Backward>;

/** What a trace report says, in the reader's language: the facts, then the evidence chain. */
export interface TraceReport {
  title: string;
  subject: string;
  facts: [label: string, value: string][];
  columns: [when: string, what: string, who: string, evidence: string];
  rows: [when: string, what: string, who: string, evidence: string][];
  /** SHA-256 of the trace's evidence as canonical JSON: the report can be checked against the data. */
  digest: string;
  pageOf: string;
}

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function traceReport(
  trace: Backward,
  names: Names,
  t: Pick<Catalogue, "trace">,
  by: { organisation: string; user: string; at: string },
): TraceReport {
  const w = t.trace;
  const r = w.report;
  const { order } = trace.record;
  const udi = `(01)${order.udiDi}(10)${trace.unit.fgLotNo}(21)${trace.unit.serialNo}`;
  return {
    title: r.title,
    subject: format(w.unit, { serial: trace.unit.serialNo, product: order.productName }),
    facts: [
      [r.organisation, by.organisation],
      [r.product, `${order.productCode} · ${order.productName}`],
      [r.serial, trace.unit.serialNo],
      [w.udi, udi],
      [w.fgLot, trace.unit.fgLotNo],
      [r.order, `${order.orderNo} (BOM rev. ${order.bom.revision}, route rev. ${order.route.revision})`],
      [w.custodian, custodianText(t, trace.custodian, names, trace.unit.state)],
      [r.generatedBy, by.user],
      [r.generatedAt, when(by.at)],
    ],
    columns: [w.when, w.what, w.who, w.evidence],
    rows: timelineOf(trace.record, t).map((e) => [
      when(e.at),
      e.what,
      names.people.get(e.who) ?? e.who,
      e.evidence.join("; "),
    ]),
    digest: trace.evidenceSha256,
    pageOf: r.pageOf,
  };
}
