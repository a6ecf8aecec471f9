import type { EntityItem } from "electrodb";
import type { CampaignEntity, CampaignUnitEntity, NoticeEntity, RecipientEntity } from "./entities.ts";
import type { Campaign, HistoryEntry, Notice, NoticeDevice, Recipient, Unit } from "./schema.ts";

/** Stored items back to the responses' shapes: only named fields leave, absent ones as null. */
export type CampaignItem = EntityItem<typeof CampaignEntity>;
export type UnitItem = EntityItem<typeof CampaignUnitEntity>;
export type RecipientItem = EntityItem<typeof RecipientEntity>;
export type NoticeItem = EntityItem<typeof NoticeEntity>;

export const toCampaign = (c: CampaignItem): Campaign => ({
  campaignId: c.campaignId,
  status: c.status,
  recallClass: c.recallClass,
  action: c.action,
  reason: c.reason,
  complaintRef: c.complaintRef ?? null,
  source: JSON.parse(c.source),
  lots: JSON.parse(c.lots),
  units: c.units,
  closedUnits: c.closedUnits,
  openedAt: c.openedAt,
  openedBy: c.openedBy,
  signature: c.signature,
  closedAt: c.closedAt ?? null,
  closedBy: c.closedBy ?? null,
});

export const toUnit = (u: UnitItem): Unit => ({
  productId: u.productId,
  serialNo: u.serialNo,
  lotNo: u.lotNo,
  model: u.model,
  modelNumber: u.modelNumber,
  udiDi: u.udiDi,
  udi: u.udi,
  whereabouts: u.whereabouts,
  customerId: u.customerId ?? null,
  hospitalTenantId: u.hospitalTenantId ?? null,
  installedId: u.installedId,
  state: u.state,
  stateAt: u.stateAt,
  history: JSON.parse(u.history) as HistoryEntry[],
  trace: JSON.parse(u.trace),
});

export const toRecipient = (r: RecipientItem): Recipient => ({
  recipient: r.recipient,
  channel: r.channel,
  hospitalTenantId: r.hospitalTenantId ?? null,
  customerId: r.customerId ?? null,
  devices: r.devices,
  status: r.status,
  acknowledgedAt: r.acknowledgedAt ?? null,
  acknowledgedBy: r.acknowledgedBy ?? null,
  acknowledgedSignature: r.acknowledgedSignature ?? null,
});

export const toNotice = (n: NoticeItem): Notice => ({
  noticeId: n.noticeId,
  manufacturerName: n.manufacturerName,
  recallClass: n.recallClass,
  action: n.action,
  reason: n.reason,
  issuedAt: n.issuedAt,
  status: n.status,
  acknowledgedAt: n.acknowledgedAt ?? null,
  acknowledgedBy: n.acknowledgedBy ?? null,
  acknowledgedSignature: n.acknowledgedSignature ?? null,
  devices: JSON.parse(n.devices) as NoticeDevice[],
});
