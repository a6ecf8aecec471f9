import { changeAttributes } from "../db/attributes.ts";
import { defineEntity } from "../db/entity.ts";
import { tenantKey } from "../db/keys.ts";

/**
 * Recall records (TR-4). The manufacturer's campaign, its units and its recipients share one
 * partition per campaign (read together for the detail and the evidence pack); a hospital's
 * notice lives in the hospital's partition. Every key starts with the tenant.
 */
const model = (entity: string) => ({ entity, version: "1", service: "medloop" });

export const CampaignEntity = defineEntity({
  model: model("recallCampaign"),
  attributes: {
    ...changeAttributes,
    campaignId: { type: "string", required: true, readOnly: true },
    status: { type: ["open", "closed"] as const, required: true },
    recallClass: { type: ["I", "II", "III"] as const, required: true, readOnly: true },
    action: { type: ["correction", "removal", "field-safety-notice"] as const, required: true, readOnly: true },
    reason: { type: "string", required: true, readOnly: true },
    complaintRef: { type: "string", readOnly: true },
    /** The trace's input (a lot or a supplier lot), as JSON. */
    source: { type: "string", required: true, readOnly: true },
    /** The finished lots the forward trace reached at opening, as JSON. */
    lots: { type: "string", required: true, readOnly: true },
    units: { type: "number", required: true, readOnly: true },
    /** Goes up by one in the transaction that closes a device: closing the campaign is guarded on it. */
    closedUnits: { type: "number", required: true },
    openedAt: { type: "string", required: true, readOnly: true },
    openedBy: { type: "string", required: true, readOnly: true },
    signature: { type: "string", required: true, readOnly: true },
    closedAt: { type: "string" },
    closedBy: { type: "string" },
  },
  indexes: {
    byCampaign: {
      collection: "recallCampaign",
      pk: {
        field: "pk",
        composite: ["tenantId", "campaignId"],
        template: tenantKey("recall#${campaignId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "campaign", casing: "none" },
    },
    // The tenant's campaigns by status, newest last
    byStatus: {
      index: "gsi1",
      pk: {
        field: "gsi1pk",
        composite: ["tenantId", "status"],
        template: tenantKey("recalls#${status}"),
        casing: "none",
      },
      sk: {
        field: "gsi1sk",
        composite: ["openedAt", "campaignId"],
        template: "${openedAt}#${campaignId}",
        casing: "none",
      },
    },
  },
});

/**
 * One device in a campaign's scope. `rank` is the state's position (schema.ts `DeviceState`):
 * each write is conditional on the rank it read, so two reports at once cannot both win and a
 * replayed one finds the device already past it.
 */
export const CampaignUnitEntity = defineEntity({
  model: model("recallUnit"),
  attributes: {
    ...changeAttributes,
    campaignId: { type: "string", required: true, readOnly: true },
    productId: { type: "string", required: true, readOnly: true },
    serialNo: { type: "string", required: true, readOnly: true },
    lotNo: { type: "string", required: true, readOnly: true },
    model: { type: "string", required: true, readOnly: true },
    modelNumber: { type: "string", required: true, readOnly: true },
    udiDi: { type: "string", required: true, readOnly: true },
    udi: { type: "string", required: true, readOnly: true },
    whereabouts: { type: ["in-process", "in-stock", "with-customer", "at-hospital"] as const, required: true },
    customerId: { type: "string", readOnly: true },
    hospitalTenantId: { type: "string", readOnly: true },
    /** The device's id in the hospital's installed base (installed-base/projection.ts), also its key here. */
    installedId: { type: "string", required: true, readOnly: true },
    state: { type: ["affected", "located", "quarantined", "returned", "corrected"] as const, required: true },
    rank: { type: "number", required: true },
    stateAt: { type: "string", required: true },
    /** Every state the device went through, oldest first, as JSON (schema.ts `HistoryEntry[]`). */
    history: { type: "string", required: true },
    /** The forward trace's line for this unit at opening, as JSON. */
    trace: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byCampaign: {
      collection: "recallCampaign",
      pk: {
        field: "pk",
        composite: ["tenantId", "campaignId"],
        template: tenantKey("recall#${campaignId}"),
        casing: "none",
      },
      sk: {
        field: "sk",
        composite: ["installedId"],
        template: "unit#${installedId}",
        casing: "none",
      },
    },
  },
});

/**
 * Whom the manufacturer told, and whether they acknowledged: one per linked hospital
 * (`recipient` = its tenant id) or customer without one (`customer:<id>`, told by other means).
 */
export const RecipientEntity = defineEntity({
  model: model("recallRecipient"),
  attributes: {
    ...changeAttributes,
    campaignId: { type: "string", required: true, readOnly: true },
    recipient: { type: "string", required: true, readOnly: true },
    channel: { type: ["medloop", "other-means"] as const, required: true, readOnly: true },
    hospitalTenantId: { type: "string", readOnly: true },
    customerId: { type: "string", readOnly: true },
    devices: { type: "number", required: true, readOnly: true },
    status: { type: ["sent", "acknowledged", "to-notify"] as const, required: true },
    acknowledgedAt: { type: "string" },
    acknowledgedBy: { type: "string" },
    acknowledgedSignature: { type: "string" },
  },
  indexes: {
    byCampaign: {
      collection: "recallCampaign",
      pk: {
        field: "pk",
        composite: ["tenantId", "campaignId"],
        template: tenantKey("recall#${campaignId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: ["recipient"], template: "to#${recipient}", casing: "none" },
    },
  },
});

/**
 * A recall notice in the HOSPITAL's partition: only that hospital's devices, only allow-listed
 * fields (notices.ts). Its id is derived from the manufacturer and campaign, so a replayed event
 * finds it. `rev` guards the devices' states, which change together in the `devices` JSON.
 */
export const NoticeEntity = defineEntity({
  model: model("recallNotice"),
  attributes: {
    ...changeAttributes,
    noticeId: { type: "string", required: true, readOnly: true },
    manufacturerTenantId: { type: "string", required: true, readOnly: true },
    manufacturerName: { type: "string", required: true, readOnly: true },
    campaignId: { type: "string", required: true, readOnly: true },
    recallClass: { type: ["I", "II", "III"] as const, required: true, readOnly: true },
    action: { type: ["correction", "removal", "field-safety-notice"] as const, required: true, readOnly: true },
    reason: { type: "string", required: true, readOnly: true },
    issuedAt: { type: "string", required: true, readOnly: true },
    status: { type: ["sent", "acknowledged"] as const, required: true },
    acknowledgedAt: { type: "string" },
    acknowledgedBy: { type: "string" },
    acknowledgedSignature: { type: "string" },
    /** JSON of schema.ts `NoticeDevice[]`. */
    devices: { type: "string", required: true },
    rev: { type: "number", required: true },
  },
  indexes: {
    byNotice: {
      pk: {
        field: "pk",
        composite: ["tenantId", "noticeId"],
        template: tenantKey("recall-notice#${noticeId}"),
        casing: "none",
      },
      sk: { field: "sk", composite: [], template: "notice", casing: "none" },
    },
    // The hospital's notices, oldest first
    byIssued: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["tenantId"], template: tenantKey("recall-notices"), casing: "none" },
      sk: { field: "gsi1sk", composite: ["issuedAt", "noticeId"], template: "${issuedAt}#${noticeId}", casing: "none" },
    },
  },
});
