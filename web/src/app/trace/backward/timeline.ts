import type { z } from "zod";
import { type Catalogue, format } from "@/i18n";
import type { Trace } from "@/server/schemas";

type Record = z.infer<typeof Trace.Backward>["record"];
export interface Entry {
  /** The id of the record the entry shows. */
  id: string;
  at: string;
  what: string;
  /** The actor id the record keeps (the page names it from the people directory), or a signer's name. */
  who: string;
  evidence: string[];
  kind: "order" | "issue" | "operation" | "inspection" | "nc" | "release";
}

const limits = (lower?: number, upper?: number) => ({ lower: lower ?? "–", upper: upper ?? "–" });

/**
 * An order's evidence file as one timeline, oldest first: release of the order with its BOM and
 * route revisions, every issued lot with its supplier and the certificate in force then, each
 * operation with operator and equipment, inspections with their measurements, nonconformances
 * with their disposition, and the signed batch release.
 */
export function timelineOf(record: Record, t: Pick<Catalogue, "trace">): Entry[] {
  const w = t.trace;
  const { order } = record;
  const entries: Entry[] = [
    {
      id: order.orderId,
      at: order.releasedAt,
      kind: "order",
      what: format(w.released, { bom: order.bom.revision, route: order.route.revision }),
      who: order.releasedBy,
      evidence: [order.orderNo],
    },
  ];
  for (const i of record.issues) {
    const evidence: string[] = [];
    if (i.origin) {
      evidence.push(
        format(w.origin, {
          supplier: i.origin.supplierName ?? i.origin.supplierId,
          supplierLot: i.origin.supplierLotNo,
        }),
      );
      if (i.origin.certificate) {
        evidence.push(
          format(w.certificate, {
            no: i.origin.certificate.certificateNo,
            validTo: i.origin.certificate.validTo ?? "–",
          }),
        );
      }
      if (i.origin.override) {
        evidence.push(
          format(w.override, {
            signer: i.origin.override.signerName,
            at: i.origin.override.signedAt.slice(0, 10),
            reason: i.origin.override.reason,
          }),
        );
      }
      if (i.origin.inspection) evidence.push(format(w.incoming, { result: i.origin.inspection.result }));
    }
    if (i.producedByOrderId) evidence.push(format(w.producedBy, { order: i.producedByOrderId }));
    entries.push({
      id: i.lineId,
      at: i.issuedAt,
      kind: "issue",
      what: format(w.issued, {
        quantity: i.quantity,
        unit: i.unit,
        material: `${i.materialCode} ${i.materialName}`,
        lot: i.serialNo ? `${i.lotNo} / ${i.serialNo}` : i.lotNo,
      }),
      who: i.issuedBy,
      evidence,
    });
  }
  for (const o of record.operations) {
    entries.push({
      id: o.reportId,
      at: o.finishedAt,
      kind: "operation",
      what: format(w.operation, {
        sequence: o.sequence,
        name: o.operationName,
        workCentre: o.workCentreCode,
        good: o.good,
        scrap: o.scrap,
      }),
      who: o.operatorId,
      evidence: [format(w.equipment, { equipment: o.equipment })],
    });
  }
  for (const i of record.inspections) {
    entries.push({
      id: i.inspectionId,
      at: i.inspectedAt,
      kind: "inspection",
      what: format(w.inspection, {
        kind: w.inspectionKinds[i.kind],
        sequence: i.sequence,
        result: w.results[i.result],
      }),
      who: i.inspectorId,
      evidence: i.measurements.map((m) =>
        format(w.measurement, {
          characteristic: m.characteristic,
          value: m.value,
          unit: m.unit,
          ...limits(m.lower, m.upper),
        }),
      ),
    });
  }
  for (const nc of record.nonconformances) {
    entries.push({
      id: nc.ncId,
      at: nc.raisedAt,
      kind: "nc",
      what: format(w.nc, { ncNo: nc.ncNo, description: nc.description }),
      who: nc.raisedBy,
      evidence: nc.disposition
        ? [
            format(w.disposition, {
              disposition: format(w.dispositions[nc.disposition], { concession: nc.concessionNo ?? "–" }),
              reason: nc.dispositionReason ?? "",
            }),
          ]
        : [],
    });
  }
  if (record.release) {
    const r = record.release;
    entries.push({
      id: r.signatureId,
      at: r.signedAt,
      kind: "release",
      what: format(w.batchReleased, { good: r.good }),
      who: r.signerName,
      evidence: [format(w.signature, { name: r.signerName, meaning: r.meaning })],
    });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
