import { z } from "zod";
import * as S from "../recalls/schema.ts";
import { capability, route } from "./route.ts";

/**
 * Recall campaigns (TR-4). The manufacturer's quality decides, signs and tracks; a hospital sees
 * only the notices in its own tenant — its devices, never the trace or another hospital's.
 */
const manufacturer = ["manufacturer"] as const;
const hospital = ["hospital"] as const;
const deciders = ["quality-engineer", "admin"] as const;
const readers = ["quality-engineer", "admin", "service-manager"] as const;
// Everyone at a hospital may read a notice; biomed engineering and the admin act on it.
const hospitalStaff = ["admin", "biomed-engineer", "ward-user"] as const;
const hospitalActors = ["admin", "biomed-engineer"] as const;

const CampaignParams = S.CampaignKey;
const NoticeParams = S.NoticeKey;

export const recalls = capability({
  name: "recalls",
  spec: ["TR-4"],
  resources: {
    recallCampaigns: {
      openRecallCampaign: route({
        method: "POST",
        path: "/v1/recalls/campaigns",
        summary:
          "Open a recall campaign from a lot or supplier lot, signed: its scope is the forward trace now; linked hospitals get a notice",
        roles: deciders,
        kinds: manufacturer,
        request: { body: S.OpenCampaignInput },
        response: S.CampaignDetail,
        status: 201,
        idempotent: true,
        signs: true,
        errors: {
          404: ["product-not-found"],
          409: ["recall-scope-throttled"],
          422: ["recall-scope-empty", "udi-not-composable"],
        },
      }),
      listRecallCampaigns: route({
        method: "GET",
        path: "/v1/recalls/campaigns",
        summary: "Your organisation's recall campaigns, oldest first",
        roles: readers,
        kinds: manufacturer,
        request: { query: S.ListQuery },
        response: z.object({ items: z.array(S.Campaign) }),
      }),
      getRecallCampaign: route({
        method: "GET",
        path: "/v1/recalls/campaigns/{campaignId}",
        summary: "One campaign: every device with its state history, and each recipient's acknowledgement",
        roles: readers,
        kinds: manufacturer,
        request: { params: CampaignParams },
        response: S.CampaignDetail,
        errors: { 404: ["recall-campaign-not-found"] },
      }),
      recordRecallDeviceState: route({
        method: "POST",
        path: "/v1/recalls/campaigns/{campaignId}/device-states",
        summary: "Record a device's recall state (located, quarantined, returned, corrected): forward only",
        roles: deciders,
        kinds: manufacturer,
        request: { params: CampaignParams, body: S.RecordStateBody },
        response: S.Unit,
        errors: {
          404: ["recall-campaign-not-found", "recall-device-not-found"],
          409: ["recall-campaign-closed", "recall-state-backward", "recall-device-closed", "recall-state-changed"],
        },
      }),
      closeRecallCampaign: route({
        method: "POST",
        path: "/v1/recalls/campaigns/{campaignId}/close",
        summary: "Close a campaign, signed: only when every device is returned or corrected",
        roles: deciders,
        kinds: manufacturer,
        request: { params: CampaignParams, body: S.CloseCampaignInput },
        response: S.Campaign,
        signs: true,
        errors: { 404: ["recall-campaign-not-found"], 409: ["recall-campaign-closed", "recall-devices-open"] },
      }),
      getRecallEvidence: route({
        method: "GET",
        path: "/v1/recalls/campaigns/{campaignId}/evidence",
        summary:
          "The evidence pack for the regulator as JSON: campaign, signatures, trace, scope, states, acknowledgements, with its SHA-256",
        roles: readers,
        kinds: manufacturer,
        request: { params: CampaignParams },
        response: S.EvidencePack,
        errors: { 404: ["recall-campaign-not-found"] },
      }),
    },
    recallNotices: {
      listRecallNotices: route({
        method: "GET",
        path: "/v1/recall-notices",
        summary: "The recall notices your hospital received, each listing only your devices",
        roles: hospitalStaff,
        kinds: hospital,
        response: z.object({ items: z.array(S.Notice) }),
      }),
      getRecallNotice: route({
        method: "GET",
        path: "/v1/recall-notices/{noticeId}",
        summary: "One recall notice with your devices and their recall state",
        roles: hospitalStaff,
        kinds: hospital,
        request: { params: NoticeParams },
        response: S.Notice,
        errors: { 404: ["recall-notice-not-found"] },
      }),
      acknowledgeRecallNotice: route({
        method: "POST",
        path: "/v1/recall-notices/{noticeId}/acknowledge",
        summary: "Acknowledge a recall notice (optionally signed); the manufacturer's campaign shows it",
        roles: hospitalActors,
        kinds: hospital,
        request: { params: NoticeParams, body: S.AcknowledgeBody },
        response: S.Notice,
        signs: true,
        errors: { 404: ["recall-notice-not-found"], 409: ["recall-notice-acknowledged"] },
      }),
      reportRecallDeviceState: route({
        method: "POST",
        path: "/v1/recall-notices/{noticeId}/device-states",
        summary: "Report one of your devices located, quarantined or returned; the manufacturer's campaign follows",
        roles: hospitalActors,
        kinds: hospital,
        request: { params: NoticeParams, body: S.ReportStateBody },
        response: S.Notice,
        errors: {
          404: ["recall-notice-not-found", "recall-device-not-found"],
          409: ["recall-state-backward", "recall-device-closed", "recall-state-changed"],
        },
      }),
    },
  },
});
