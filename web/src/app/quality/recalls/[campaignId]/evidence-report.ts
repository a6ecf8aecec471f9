import type { EvidencePack } from "@medloop/shared/recalls/schema";
import { type Catalogue, format } from "@/i18n";

/** Display names for the ids an evidence pack carries. */
export interface EvidenceNames {
  customers: Map<string, string>;
  suppliers: Map<string, string>;
  materials: Map<string, string>;
}

type Fact = [label: string, value: string];

/** A part of the pack under its heading: facts (label and value), a table, or both. */
export interface EvidenceSection {
  heading: string;
  facts?: Fact[];
  /** `weights`: each column's share of the width. */
  table?: { columns: string[]; weights: number[]; rows: string[][] };
}

/** What an evidence pack's PDF says, in the reader's language. */
export interface EvidenceReport {
  title: string;
  subject: string;
  facts: Fact[];
  sections: EvidenceSection[];
  /** The pack's own `sha256`, over its content as canonical JSON: the PDF can be checked against the JSON. */
  digest: string;
  digestLabel: string;
  recompute: string;
  pageOf: string;
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : null);

/**
 * The pack in words: the campaign's facts and the signature it was opened under, the signatures
 * given on it, the trace it came from, one section per recipient with its answer, and every device
 * with where it was at opening and its recall state now.
 */
export function evidenceReport(
  pack: EvidencePack,
  names: EvidenceNames,
  t: Pick<Catalogue, "evidencePdf">,
  by: { organisation: string; user: string; at: string },
): EvidenceReport {
  const w = t.evidencePdf;
  const { campaign, signatures, trace, scope, recipients } = pack.content;
  const none = w.none;
  const customer = (id: string | null) => (id ? (names.customers.get(id) ?? id) : none);
  const material = (id: string) => names.materials.get(id) ?? id;
  const source =
    "supplierId" in trace.source
      ? format(w.sourceSupplierLot, {
          lot: trace.source.supplierLotNo,
          supplier: names.suppliers.get(trace.source.supplierId) ?? trace.source.supplierId,
        })
      : format(w.sourceLot, { lot: trace.source.lotNo, material: material(trace.source.materialId) });
  const facts: Fact[] = [
    [w.organisation, by.organisation],
    [w.status, w.statuses[campaign.status]],
    [w.recallClass, format(w.classValue, { class: campaign.recallClass })],
    [w.action, w.actions[campaign.action]],
    [w.reason, campaign.reason],
    ...(campaign.complaintRef ? [[w.complaintRef, campaign.complaintRef] as Fact] : []),
    [w.devicesClosed, format(w.devicesClosedValue, { units: campaign.units, closed: campaign.closedUnits })],
    [w.openedBy, campaign.openedBy],
    [w.openedAt, when(campaign.openedAt)!],
    [w.signature, campaign.signature],
    ...(campaign.closedAt
      ? [[w.closedBy, campaign.closedBy ?? none] as Fact, [w.closedAt, when(campaign.closedAt)!] as Fact]
      : []),
    [w.generatedBy, by.user],
    [w.generatedAt, when(by.at)!],
  ];
  const held = (r: (typeof recipients)[number]) =>
    scope
      .filter((u) => (r.hospitalTenantId ? u.hospitalTenantId === r.hospitalTenantId : u.customerId === r.customerId))
      .map((u) => u.serialNo);
  return {
    title: w.title,
    subject: format(w.subject, { campaignId: campaign.campaignId }),
    facts,
    sections: [
      { heading: w.signatures, facts: signatures.map((s) => [w.signature, s.manifest]) },
      { heading: w.trace, facts: [[w.source, source]] },
      {
        heading: w.lots,
        table: {
          columns: [w.fgLot, w.level, w.via],
          weights: [2, 1, 6],
          rows: trace.lots.map((l) => [
            l.fgLotNo,
            String(l.level),
            format(w.viaValue, { material: material(l.via.materialId), lot: l.via.lotNo }),
          ]),
        },
      },
      ...recipients.map((r) => ({
        heading: format(w.recipientTitle, { recipient: customer(r.customerId), channel: w.channels[r.channel] }),
        facts: [
          [w.devices, `${r.devices}: ${held(r).join(", ")}`],
          [w.noticeStatus, w.noticeStatuses[r.status]],
          [w.acknowledgedBy, r.acknowledgedBy ?? none],
          [w.acknowledgedAt, when(r.acknowledgedAt) ?? none],
          [w.acknowledgedSignature, r.acknowledgedSignature ?? none],
        ] as Fact[],
      })),
      {
        heading: w.scope,
        table: {
          columns: [w.serial, w.product, w.where, w.state],
          weights: [2, 3, 3, 3],
          rows: scope.map((u) => [
            u.serialNo,
            `${u.model.includes(u.modelNumber) ? u.model : `${u.model} ${u.modelNumber}`} · ${w.fgLot} ${u.lotNo}`,
            format(w.whereabouts[u.whereabouts], { customer: customer(u.customerId) }),
            `${w.states[u.state]} (${format(w.stateAt, { at: when(u.stateAt)! })})`,
          ]),
        },
      },
    ],
    digest: pack.sha256,
    digestLabel: w.digest,
    recompute: w.recompute,
    pageOf: w.pageOf,
  };
}
