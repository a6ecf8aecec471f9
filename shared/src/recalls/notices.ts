import { createHash } from "node:crypto";
import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound } from "../errors/index.ts";
import type { EventDetail } from "../events/define.ts";
import { nowIso } from "../ports/clock.ts";
import * as Signatures from "../signature/signatures.ts";
import { actorId, useActor, useTenantId, withActor } from "../tenant/context.ts";
import { getTenant } from "../tenant/tenants.ts";
import { find as findLink } from "../tenant-link/links.ts";
import { fn } from "../util/fn.ts";
import { type CampaignOpened, DeviceStateReported, NoticeAcknowledged } from "./events.ts";
import { AcknowledgeInput, type NoticeDevice, NoticeKey, ReportStateInput } from "./schema.ts";
import { assertForward } from "./states.ts";
import { type NoticeItem, toNotice, type UnitItem } from "./views.ts";

/**
 * The allow list: the only fields of a campaign's unit that cross into a hospital's notice. The
 * trace, stock places, orders, customers and other hospitals' devices stay with the manufacturer,
 * because nothing here copies a field it does not name.
 */
export const NOTICE_DEVICE_FIELDS = [
  "installedId",
  "serialNo",
  "lotNo",
  "model",
  "modelNumber",
  "udiDi",
  "udi",
  "state",
  "stateAt",
] as const satisfies readonly (keyof NoticeDevice & keyof UnitItem)[];

const pick = (u: UnitItem): NoticeDevice =>
  Object.fromEntries(NOTICE_DEVICE_FIELDS.map((f) => [f, u[f]])) as NoticeDevice;

/** The same campaign always gives a hospital the same notice id: a replayed event finds it. */
export function noticeIdOf(manufacturerTenantId: string, campaignId: string, hospitalTenantId: string): string {
  const h = createHash("sha256").update(`${manufacturerTenantId}|${campaignId}|${hospitalTenantId}`).digest("hex");
  // Shaped as a UUID (version nibble 8: custom) so routes validate it like any other id.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type IssueOutcome = "issued" | "unchanged" | "not-linked";

/** A notice that exists already: this event was delivered before. */
class Issued extends Error {}

/**
 * `CampaignOpened` → a notice in each named hospital's partition, written as that hospital,
 * listing only its devices. The campaign is read as the manufacturer; each hospital re-checks its
 * own side of the link (SEC-3), as the installed base does, so the manufacturer's word alone
 * writes nothing into a hospital. Created only if absent: a redelivered event changes nothing.
 */
export async function issue(detail: EventDetail<typeof CampaignOpened>): Promise<Record<string, IssueOutcome>> {
  const manufacturer = detail.tenantId;
  const { campaignId, hospitals } = detail.data;
  const read = await withActor({ type: "system", tenantId: manufacturer, name: "recalls" }, async () => {
    const [campaign, units, tenant] = await Promise.all([
      Db.entities.recallCampaign.get({ tenantId: manufacturer, campaignId }).go(),
      Db.entities.recallUnit.query.byCampaign({ tenantId: manufacturer, campaignId }).go({ pages: "all" }),
      getTenant(),
    ]);
    return { campaign: campaign.data, units: units.data, manufacturerName: tenant.name };
  });
  if (!read.campaign) throw new Error(`campaign ${campaignId} of ${manufacturer} not found`);
  const { campaign, units, manufacturerName } = read;
  const outcomes = await Promise.all(
    hospitals.map(async (hospital) => {
      const actor = { type: "system" as const, tenantId: hospital, tenantKind: "hospital" as const, name: "recalls" };
      const outcome = await withActor(actor, async (): Promise<IssueOutcome> => {
        if ((await findLink(manufacturer))?.status !== "accepted") return "not-linked";
        const devices = units
          .filter((u) => u.hospitalTenantId === hospital)
          .map(pick)
          .sort((a, b) => a.serialNo.localeCompare(b.serialNo));
        const notice = {
          tenantId: hospital,
          noticeId: noticeIdOf(manufacturer, campaignId, hospital),
          manufacturerTenantId: manufacturer,
          manufacturerName,
          campaignId,
          recallClass: campaign.recallClass,
          action: campaign.action,
          reason: campaign.reason,
          issuedAt: campaign.openedAt,
          status: "sent" as const,
          devices: JSON.stringify(devices),
          rev: 0,
        };
        try {
          await commit({
            writes: (e) => [e.recallNotice.create(notice).commit()],
            result: null,
            conditionFailed: () => new Issued(),
          });
          return "issued";
        } catch (e) {
          if (e instanceof Issued) return "unchanged";
          throw e;
        }
      });
      return [hospital, outcome] as const;
    }),
  );
  return Object.fromEntries(outcomes);
}

async function load(noticeId: string): Promise<NoticeItem> {
  const { data } = await Db.entities.recallNotice.get({ tenantId: useTenantId(), noticeId }).go({ consistent: true });
  if (!data) throw notFound("recall-notice-not-found", "No such recall notice");
  return data;
}

/** The hospital's recall notices, oldest first: one partition query. */
export async function list() {
  const { data } = await Db.entities.recallNotice.query.byIssued({ tenantId: useTenantId() }).go({ pages: "all" });
  return { items: data.map(toNotice) };
}

export const get = fn(NoticeKey, async ({ noticeId }) => toNotice(await load(noticeId)));

const whoAmI = () => {
  const actor = useActor();
  return actor.type === "user" ? actor.email : actorId(actor);
};

/**
 * The hospital acknowledges a notice, optionally signed (meaning "reviewed"): the notice and the
 * event that tells the manufacturer commit together. A second acknowledgement is refused (409).
 */
export const acknowledge = fn(AcknowledgeInput, async ({ noticeId, signature }) => {
  const notice = await load(noticeId);
  const acknowledged = () => conflict("recall-notice-acknowledged", "This recall notice is acknowledged already");
  if (notice.status !== "sent") throw acknowledged();
  const sig = signature
    ? await Signatures.sign(signature, `recall-notice/${noticeId}`, { noticeId, devices: notice.devices })
    : undefined;
  const at = sig?.signedAt ?? nowIso();
  const by = sig?.signerName ?? whoAmI();
  const tenantId = useTenantId();
  const changes = {
    status: "acknowledged" as const,
    acknowledgedAt: at,
    acknowledgedBy: by,
    ...(sig && { acknowledgedSignature: sig.manifest }),
  };
  return commit({
    writes: (e) => [
      e.recallNotice
        .patch({ tenantId, noticeId })
        .set(changes)
        .where((a, op) => op.eq(a.status, "sent"))
        .commit(),
      ...(sig ? [Signatures.write(sig)(e)] : []),
    ],
    events: [
      emit(NoticeAcknowledged, {
        noticeId,
        manufacturerTenantId: notice.manufacturerTenantId,
        campaignId: notice.campaignId,
        acknowledgedAt: at,
        acknowledgedBy: by,
        signature: sig?.manifest ?? null,
      }),
    ],
    result: toNotice({ ...notice, ...changes }),
    conditionFailed: acknowledged,
  });
});

/**
 * The hospital reports one of its devices located, quarantined or returned: forward only, guarded
 * by the notice's `rev`, with the event that moves the manufacturer's campaign in the same commit.
 */
export const reportState = fn(ReportStateInput, async ({ noticeId, installedId, state, note }) => {
  const notice = await load(noticeId);
  const devices = JSON.parse(notice.devices) as NoticeDevice[];
  const device = devices.find((d) => d.installedId === installedId);
  if (!device) throw notFound("recall-device-not-found", "This device is not on the recall notice");
  assertForward(device.serialNo, device.state, state);
  const at = nowIso();
  const by = whoAmI();
  const next = devices.map((d) => (d.installedId === installedId ? { ...d, state, stateAt: at } : d));
  const tenantId = useTenantId();
  const changed = { devices: JSON.stringify(next), rev: notice.rev + 1 };
  return commit({
    writes: (e) => [
      e.recallNotice
        .patch({ tenantId, noticeId })
        .set(changed)
        .where((a, op) => op.eq(a.rev, notice.rev))
        .commit(),
    ],
    events: [
      emit(DeviceStateReported, {
        noticeId,
        manufacturerTenantId: notice.manufacturerTenantId,
        campaignId: notice.campaignId,
        installedId,
        state,
        at,
        by,
        note: note ?? null,
      }),
    ],
    result: toNotice({ ...notice, ...changed }),
    conditionFailed: () => conflict("recall-state-changed", "The notice changed at the same time; reload"),
  });
});
