import { z } from "zod";
import { SerialNo } from "../inventory/schema.ts";
import { AffectedLot, AffectedSerial, ForwardTraceInput } from "../production/schema.ts";
import { Signature, SignatureInput } from "../signature/schema.ts";

/**
 * Recall campaigns (TR-4, issue 15 §6): a signed recall decision on a lot, its scope (the forward
 * trace at opening), a notice per affected hospital in the hospital's own tenant, and each
 * device's recall state to closure. Zod only: the portal imports it.
 */
export const CampaignId = z.uuid("campaignId is a recall campaign's id");
export const NoticeId = z.uuid("noticeId is a recall notice's id");

/** FDA-style recall class: I is the most serious (a reasonable probability of serious harm). */
export const RecallClass = z.enum(["I", "II", "III"]);
export const RecallAction = z.enum(["correction", "removal", "field-safety-notice"]);

/**
 * A device's recall state. The order is the rank: a state only ever moves to a higher rank, and
 * `returned` and `corrected` close the device (either may be reached from any open state).
 */
export const DeviceState = z.enum(["affected", "located", "quarantined", "returned", "corrected"]);
export type DeviceState = z.infer<typeof DeviceState>;
/** What a hospital may report of a device in its hands; a correction is the manufacturer's act. */
export const HospitalDeviceState = z.enum(["located", "quarantined", "returned"]);

/** Where a unit was when the campaign opened, as the forward trace said. */
export const Whereabouts = z.enum(["in-process", "in-stock", "with-customer", "at-hospital"]);
export type Whereabouts = z.infer<typeof Whereabouts>;

/**
 * How a recipient is told: `medloop` — a hospital linked with the manufacturer gets the notice in
 * its own tenant; `other-means` — a customer without a linked MedLoop tenant, told by letter or phone.
 */
export const Channel = z.enum(["medloop", "other-means"]);
export const NoticeStatus = z.enum(["sent", "acknowledged", "to-notify"]);

export const OpenCampaignInput = SignatureInput.extend({
  source: ForwardTraceInput,
  recallClass: RecallClass,
  action: RecallAction,
  reason: z.string().trim().min(1, "say why the devices are recalled").max(2000),
  complaintRef: z.string().trim().min(1).max(60).optional(),
  meaning: z.literal("approved", { message: 'a recall decision is signed with the meaning "approved"' }),
}).strict();

export const CloseCampaignInput = SignatureInput.extend({
  meaning: z.literal("approved", { message: 'a recall closure is signed with the meaning "approved"' }),
}).strict();

export const CampaignKey = z.object({ campaignId: CampaignId }).strict();
export const NoticeKey = z.object({ noticeId: NoticeId }).strict();

/** The manufacturer records a device's state (units in its own hands, or told by other means). */
export const RecordStateBody = z
  .object({
    productId: z.uuid(),
    serialNo: SerialNo,
    state: DeviceState.exclude(["affected"]),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export const RecordStateInput = RecordStateBody.extend({ campaignId: CampaignId });

/** A hospital reports a device of its notice, named by its installed-base id. */
export const ReportStateBody = z
  .object({
    installedId: z.uuid(),
    state: HospitalDeviceState,
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export const ReportStateInput = ReportStateBody.extend({ noticeId: NoticeId });

/** An acknowledgement may be signed (password re-entered, meaning "reviewed") or plain. */
export const AcknowledgeBody = z
  .object({
    signature: SignatureInput.extend({ meaning: z.literal("reviewed") })
      .strict()
      .optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export const AcknowledgeInput = AcknowledgeBody.extend({ noticeId: NoticeId });

export const ListQuery = z.object({ status: z.enum(["open", "closed"]).optional() }).strict();

export const HistoryEntry = z.object({
  state: DeviceState,
  at: z.string(),
  by: z.string(),
  note: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Unit = z.object({
  productId: z.string(),
  serialNo: z.string(),
  lotNo: z.string(),
  model: z.string(),
  modelNumber: z.string(),
  udiDi: z.string(),
  /** The label's UDI in bracketed human-readable form. */
  udi: z.string(),
  whereabouts: Whereabouts,
  customerId: z.string().nullable(),
  hospitalTenantId: z.string().nullable(),
  /** The device's id in the hospital's installed base (the hospital names it by this). */
  installedId: z.string(),
  state: DeviceState,
  stateAt: z.string(),
  history: z.array(HistoryEntry),
  /** The forward trace's own line for this unit, as it was at opening. */
  trace: AffectedSerial,
});
export type Unit = z.infer<typeof Unit>;

/** A recipient of the manufacturer's notice: a linked hospital tenant, or a customer told by other means. */
export const Recipient = z.object({
  recipient: z.string(),
  channel: Channel,
  hospitalTenantId: z.string().nullable(),
  customerId: z.string().nullable(),
  devices: z.number(),
  status: NoticeStatus,
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** The hospital's signature manifest, when it signed its acknowledgement. */
  acknowledgedSignature: z.string().nullable(),
});
export type Recipient = z.infer<typeof Recipient>;

export const Campaign = z.object({
  campaignId: z.string(),
  status: z.enum(["open", "closed"]),
  recallClass: RecallClass,
  action: RecallAction,
  reason: z.string(),
  complaintRef: z.string().nullable(),
  source: ForwardTraceInput,
  /** The finished lots the trace reached, as it was at opening. */
  lots: z.array(AffectedLot),
  units: z.number(),
  closedUnits: z.number(),
  openedAt: z.string(),
  openedBy: z.string(),
  signature: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignDetail = Campaign.extend({ recipients: z.array(Recipient), devices: z.array(Unit) });
export type CampaignDetail = z.infer<typeof CampaignDetail>;

/** What crosses to the hospital of each device: nothing of the manufacturer's stock, orders or trace. */
export const NoticeDevice = z
  .object({
    installedId: z.string(),
    serialNo: z.string(),
    lotNo: z.string(),
    model: z.string(),
    modelNumber: z.string(),
    udiDi: z.string(),
    udi: z.string(),
    state: DeviceState,
    stateAt: z.string(),
  })
  .strict();
export type NoticeDevice = z.infer<typeof NoticeDevice>;

export const Notice = z
  .object({
    noticeId: z.string(),
    manufacturerName: z.string(),
    recallClass: RecallClass,
    action: RecallAction,
    reason: z.string(),
    issuedAt: z.string(),
    status: z.enum(["sent", "acknowledged"]),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    acknowledgedSignature: z.string().nullable(),
    devices: z.array(NoticeDevice),
  })
  .strict();
export type Notice = z.infer<typeof Notice>;

/**
 * The evidence pack's content. `sha256` is the hex SHA-256 of `canonicalJson(content)`
 * (audit/chain.ts): UTF-8 JSON, object keys sorted by code unit at every level, undefined members
 * dropped, arrays in order, no whitespace. Anyone can recompute it from the JSON alone.
 */
export const EvidenceContent = z.object({
  campaign: Campaign,
  signatures: z.array(Signature),
  trace: z.object({ source: ForwardTraceInput, lots: z.array(AffectedLot), serials: z.array(AffectedSerial) }),
  scope: z.array(Unit),
  recipients: z.array(Recipient),
});
export type EvidenceContent = z.infer<typeof EvidenceContent>;

export const EvidencePack = z.object({
  format: z.literal("medloop-recall-evidence/1"),
  canonicalisation: z.string(),
  generatedAt: z.string(),
  sha256: z.string(),
  content: EvidenceContent,
});
export type EvidencePack = z.infer<typeof EvidencePack>;
