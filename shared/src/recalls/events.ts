import { z } from "zod";
import { defineEvent } from "../events/define.ts";
import { DeviceState } from "./schema.ts";

/**
 * A recall decision was signed: the notices subscription writes, in each linked hospital named
 * here, a notice listing that hospital's devices. The devices are read from the campaign, not
 * carried here, so the event stays small whatever the scope. Emitted in the manufacturer's tenant.
 */
export const CampaignOpened = defineEvent(
  "Recalls.CampaignOpened",
  1,
  z.object({ campaignId: z.string(), hospitals: z.array(z.string()) }),
);

/** A hospital acknowledged a notice. Emitted in the hospital's tenant; applied to the manufacturer's campaign. */
export const NoticeAcknowledged = defineEvent(
  "Recalls.NoticeAcknowledged",
  1,
  z.object({
    noticeId: z.string(),
    manufacturerTenantId: z.string(),
    campaignId: z.string(),
    acknowledgedAt: z.string(),
    acknowledgedBy: z.string(),
    signature: z.string().nullable(),
  }),
);

/** A hospital reported a device's state. Emitted in the hospital's tenant; applied to the manufacturer's campaign. */
export const DeviceStateReported = defineEvent(
  "Recalls.DeviceStateReported",
  1,
  z.object({
    noticeId: z.string(),
    manufacturerTenantId: z.string(),
    campaignId: z.string(),
    installedId: z.string(),
    state: DeviceState,
    at: z.string(),
    by: z.string(),
    note: z.string().nullable(),
  }),
);
