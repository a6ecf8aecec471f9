import { commit, earlierAnswer, emit, isConditionFailed } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { conflict, notFound, unprocessable } from "../errors/index.ts";
import type { EventDetail } from "../events/define.ts";
import { installedIdOf } from "../installed-base/projection.ts";
import { Products } from "../masterdata/index.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import type { Custodian, ForwardTrace } from "../production/schema.ts";
import { forward } from "../production/trace.ts";
import * as Signatures from "../signature/signatures.ts";
import { actorId, useActor, useTenantId, withActor } from "../tenant/context.ts";
import { find as findLink } from "../tenant-link/links.ts";
import { compose, formatUdi, isUdiError } from "../udi/index.ts";
import { fn } from "../util/fn.ts";
import { CampaignOpened, type DeviceStateReported, type NoticeAcknowledged } from "./events.ts";
import {
  type CampaignDetail,
  CampaignKey,
  CloseCampaignInput,
  type DeviceState,
  type HistoryEntry,
  ListQuery,
  OpenCampaignInput,
  RecordStateInput,
  type Whereabouts,
} from "./schema.ts";
import { assertForward, isClosed, movesForward, rankOf } from "./states.ts";
import { type CampaignItem, type RecipientItem, toCampaign, toRecipient, toUnit, type UnitItem } from "./views.ts";

const subjectOf = (campaignId: string) => `recall-campaign/${campaignId}`;

/** Where the trace says a unit is: a shipped unit is with its customer, or at a hospital with a tenant. */
function whereaboutsOf(c: Custodian | null): Whereabouts {
  if (!c) return "in-process";
  if (c.state !== "shipped") return "in-stock";
  return c.custodianTenantId ? "at-hospital" : "with-customer";
}

function bracketedUdi(udiDi: string, lot: string, serial: string): string {
  const udi = compose({ gtin: udiDi, lot, serial });
  const hri = isUdiError(udi) ? udi : formatUdi(udi, "gs1-bracketed");
  if (isUdiError(hri)) throw unprocessable("udi-not-composable", `No UDI can be built for ${serial}: ${hri.message}`);
  return hri;
}

/**
 * The campaign's scope: one unit per serial of the forward trace, in the trace's order, with the
 * product's identity and where the trace found it. Pure apart from the product reads.
 */
async function scopeOf(trace: ForwardTrace, campaignId: string, at: string, by: string): Promise<UnitItem[]> {
  const tenantId = useTenantId();
  const products = new Map(
    await Promise.all(
      [...new Set(trace.serials.map((s) => s.productId))].map(
        async (productId) => [productId, await Products.get({ productId })] as const,
      ),
    ),
  );
  const first: HistoryEntry = { state: "affected", at, by, note: null };
  return trace.serials.map((s) => {
    const p = products.get(s.productId)!;
    return {
      tenantId,
      campaignId,
      productId: s.productId,
      serialNo: s.serialNo,
      lotNo: s.fgLotNo,
      model: p.name,
      modelNumber: p.modelNumber,
      udiDi: p.udiDi,
      udi: bracketedUdi(p.udiDi, s.fgLotNo, s.serialNo),
      whereabouts: whereaboutsOf(s.custodian),
      customerId: s.custodian?.customerId ?? undefined,
      hospitalTenantId: s.custodian?.custodianTenantId ?? undefined,
      installedId: installedIdOf(tenantId, p.udiDi, s.serialNo),
      state: "affected",
      rank: 0,
      stateAt: at,
      history: JSON.stringify([first]),
      trace: JSON.stringify(s),
    } as UnitItem;
  });
}

/**
 * Whom to tell: each hospital the manufacturer holds an accepted link with gets a notice in its own
 * tenant; any other customer holding devices (no tenant, or no link) is to be told by other means.
 */
async function recipientsOf(units: UnitItem[], campaignId: string): Promise<RecipientItem[]> {
  const tenantId = useTenantId();
  const groups = new Map<string, { hospital?: string; customer?: string; devices: number }>();
  for (const u of units) {
    if (u.whereabouts !== "at-hospital" && u.whereabouts !== "with-customer") continue;
    const key = u.hospitalTenantId ?? `customer:${u.customerId}`;
    const g = groups.get(key) ?? { hospital: u.hospitalTenantId, customer: u.customerId, devices: 0 };
    g.devices++;
    groups.set(key, g);
  }
  return Promise.all(
    [...groups.values()].map(async (g) => {
      const linked = g.hospital && (await findLink(g.hospital))?.status === "accepted";
      return {
        tenantId,
        campaignId,
        recipient: linked ? g.hospital! : `customer:${g.customer}`,
        channel: linked ? "medloop" : "other-means",
        hospitalTenantId: g.hospital,
        customerId: g.customer,
        devices: g.devices,
        status: linked ? "sent" : "to-notify",
      } as RecipientItem;
    }),
  );
}

/**
 * TR-4: open a recall campaign from a lot or supplier lot, signed (meaning "approved"). The scope
 * is the forward trace at this moment, stored unit by unit. Units and recipients are written
 * first, under the new campaign's id (more than a transaction holds); the campaign, its signature
 * and `CampaignOpened` then commit together. Until that commit nothing reads them: a failure in
 * between leaves items no campaign names, never a campaign without its scope.
 */
export const open = fn(OpenCampaignInput, async (input): Promise<CampaignDetail> => {
  const earlier = await earlierAnswer<CampaignDetail>();
  if (earlier) return earlier;
  const { source, recallClass, action, reason, complaintRef, password, meaning, statement } = input;
  const trace = await forward(source);
  if (!trace.serials.length) {
    throw unprocessable("recall-scope-empty", "The lot reached no finished unit: there is nothing to recall");
  }
  const campaignId = uuid();
  const sig = await Signatures.sign({ password, meaning, statement }, subjectOf(campaignId), {
    source,
    recallClass,
    action,
    reason,
    serials: trace.serials.map((s) => `${s.productId}/${s.serialNo}`),
  });
  const tenantId = useTenantId();
  const at = sig.signedAt;
  const units = await scopeOf(trace, campaignId, at, sig.signerName);
  const recipients = await recipientsOf(units, campaignId);
  const written = await Promise.all([
    Db.entities.recallUnit.put(units).go(),
    recipients.length ? Db.entities.recallRecipient.put(recipients).go() : { unprocessed: [] },
  ]);
  // Throttled batch items: fail before the campaign exists, so a retry starts clean under a new id.
  if (written.some((w) => w.unprocessed.length))
    throw conflict("recall-scope-throttled", "The scope could not be written; try again");
  const campaign = {
    tenantId,
    campaignId,
    status: "open" as const,
    recallClass,
    action,
    reason,
    complaintRef,
    source: JSON.stringify(source),
    lots: JSON.stringify(trace.lots),
    units: units.length,
    closedUnits: 0,
    openedAt: at,
    openedBy: sig.signerName,
    signature: sig.manifest,
  };
  const hospitals = recipients.filter((r) => r.channel === "medloop").map((r) => r.recipient);
  return commit({
    writes: (e) => [e.recallCampaign.create(campaign).commit(), Signatures.write(sig)(e)],
    events: [emit(CampaignOpened, { campaignId, hospitals })],
    result: {
      ...toCampaign(campaign as CampaignItem),
      recipients: recipients.map(toRecipient).sort(byRecipient),
      devices: units.map(toUnit),
    },
  });
});

const byRecipient = (a: { recipient: string }, b: { recipient: string }) => a.recipient.localeCompare(b.recipient);

async function load(campaignId: string): Promise<CampaignItem> {
  const { data } = await Db.entities.recallCampaign.get({ tenantId: useTenantId(), campaignId }).go();
  if (!data) throw notFound("recall-campaign-not-found", "No such recall campaign");
  return data;
}

/** The campaign with its recipients and every device: three queries on the campaign's partition. */
export const get = fn(CampaignKey, async ({ campaignId }): Promise<CampaignDetail> => {
  const tenantId = useTenantId();
  const campaign = await load(campaignId);
  const [units, recipients] = await Promise.all([
    Db.entities.recallUnit.query.byCampaign({ tenantId, campaignId }).go({ pages: "all" }),
    Db.entities.recallRecipient.query.byCampaign({ tenantId, campaignId }).go({ pages: "all" }),
  ]);
  const devices = units.data.map(toUnit);
  devices.sort((a, b) => a.lotNo.localeCompare(b.lotNo) || a.serialNo.localeCompare(b.serialNo));
  return { ...toCampaign(campaign), recipients: recipients.data.map(toRecipient).sort(byRecipient), devices };
});

/** The tenant's campaigns, oldest first; open and closed unless one status is asked for. */
export const list = fn(ListQuery, async ({ status }) => {
  const tenantId = useTenantId();
  const statuses = status ? [status] : (["open", "closed"] as const);
  const pages = await Promise.all(
    statuses.map((s) => Db.entities.recallCampaign.query.byStatus({ tenantId, status: s }).go({ pages: "all" })),
  );
  const items = pages.flatMap((p) => p.data.map(toCampaign));
  return { items: items.sort((a, b) => a.openedAt.localeCompare(b.openedAt)) };
});

/** A write lost to a concurrent one on the same device: the bus retries an event, a person reloads. */
const changedMeanwhile = () =>
  conflict("recall-state-changed", "The device's recall state changed at the same time; reload");

/**
 * Move one device on, in one transaction: its state and history guarded by the rank it was read
 * at, and — when the move closes it — the campaign's count of closed devices, which the closure
 * is guarded on.
 */
async function advance(unit: UnitItem, state: DeviceState, by: string, note: string | null, at: string) {
  const tenantId = useTenantId();
  const history = [...(JSON.parse(unit.history) as HistoryEntry[]), { state, at, by, note }];
  const { campaignId, installedId } = unit;
  await commit({
    writes: (e) => [
      e.recallUnit
        .patch({ tenantId, campaignId, installedId })
        .set({ state, rank: rankOf(state), stateAt: at, history: JSON.stringify(history) })
        .where((a, op) => op.eq(a.rank, unit.rank))
        .commit(),
      ...(isClosed(state)
        ? [
            e.recallCampaign
              .patch({ tenantId, campaignId })
              .add({ closedUnits: 1 })
              .where((a, op) => op.eq(a.status, "open"))
              .commit(),
          ]
        : []),
    ],
    result: null,
    conditionFailed: changedMeanwhile,
  });
  return toUnit({ ...unit, state, rank: rankOf(state), stateAt: at, history: JSON.stringify(history) });
}

/**
 * The manufacturer records a device's state: units in its own stock, those told by other means,
 * and the correction of a device in the field. Forward only; a closed campaign takes nothing.
 */
export const recordState = fn(RecordStateInput, async ({ campaignId, productId, serialNo, state, note }) => {
  const tenantId = useTenantId();
  const campaign = await load(campaignId);
  if (campaign.status !== "open") throw conflict("recall-campaign-closed", "The recall campaign is closed");
  const product = await Products.get({ productId }).catch(() => undefined);
  const installedId = product && installedIdOf(tenantId, product.udiDi, serialNo);
  const { data: unit } = installedId
    ? await Db.entities.recallUnit.get({ tenantId, campaignId, installedId }).go({ consistent: true })
    : { data: null };
  if (!unit) throw notFound("recall-device-not-found", `Device ${serialNo} is not in this campaign's scope`);
  assertForward(serialNo, unit.state, state);
  const actor = useActor();
  const by = actor.type === "user" ? actor.email : actorId(actor);
  return advance(unit, state, by, note ?? null, nowIso());
});

/**
 * Close the campaign, signed: only when every device is returned or corrected (409 otherwise).
 * Guarded on the count of closed devices, so a device reopened by nothing cannot slip past.
 */
export const close = fn(CloseCampaignInput.extend(CampaignKey.shape), async ({ campaignId, ...signature }) => {
  const campaign = await load(campaignId);
  if (campaign.status !== "open") throw conflict("recall-campaign-closed", "The recall campaign is closed already");
  const open = campaign.units - campaign.closedUnits;
  const devicesOpen = () =>
    conflict("recall-devices-open", `${open} device(s) are not yet returned or corrected`, { open });
  if (open > 0) throw devicesOpen();
  const sig = await Signatures.sign(signature, `${subjectOf(campaignId)}/close`, { campaignId, units: campaign.units });
  const tenantId = useTenantId();
  const closed = { status: "closed" as const, closedAt: sig.signedAt, closedBy: sig.signerName };
  return commit({
    writes: (e) => [
      e.recallCampaign
        .patch({ tenantId, campaignId })
        .set(closed)
        .where((a, op) => `${op.eq(a.status, "open")} AND ${op.eq(a.closedUnits, campaign.units)}`)
        .commit(),
      Signatures.write(sig)(e),
    ],
    result: toCampaign({ ...campaign, ...closed }),
    conditionFailed: devicesOpen,
  });
});

export type ReplyOutcome = "applied" | "unchanged" | "not-in-scope";

/**
 * A hospital's reply, applied to the manufacturer's campaign as the manufacturer. Only what the
 * hospital holds: a device or notice of another hospital is ignored whatever the event says.
 * Forward only, so a replayed or overtaken event changes nothing.
 */
export async function applyDeviceState(detail: EventDetail<typeof DeviceStateReported>): Promise<ReplyOutcome> {
  const { manufacturerTenantId: tenantId, campaignId, installedId, state, at, by, note } = detail.data;
  return withActor({ type: "system", tenantId, tenantKind: "manufacturer", name: "recalls" }, async () => {
    const { data: unit } = await Db.entities.recallUnit
      .get({ tenantId, campaignId, installedId })
      .go({ consistent: true });
    if (!unit || unit.hospitalTenantId !== detail.tenantId) return "not-in-scope";
    if (!movesForward(unit.state, state)) return "unchanged";
    await advance(unit, state, `${by} (${detail.tenantId})`, note, at);
    return "applied";
  });
}

export async function applyAcknowledgement(detail: EventDetail<typeof NoticeAcknowledged>): Promise<ReplyOutcome> {
  const { manufacturerTenantId: tenantId, campaignId, acknowledgedAt, acknowledgedBy, signature } = detail.data;
  return withActor({ type: "system", tenantId, tenantKind: "manufacturer", name: "recalls" }, async () => {
    const recipient = detail.tenantId;
    const { data } = await Db.entities.recallRecipient
      .get({ tenantId, campaignId, recipient })
      .go({ consistent: true });
    if (data?.channel !== "medloop") return "not-in-scope";
    if (data.status !== "sent") return "unchanged";
    try {
      await Db.entities.recallRecipient
        .patch({ tenantId, campaignId, recipient })
        .set({
          status: "acknowledged",
          acknowledgedAt,
          acknowledgedBy,
          ...(signature && { acknowledgedSignature: signature }),
        })
        .where((a, op) => op.eq(a.status, "sent"))
        .go();
      return "applied";
    } catch (e) {
      if (isConditionFailed(e)) return "unchanged";
      throw e;
    }
  });
}
