import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { DomainError, notFound, unprocessable } from "../errors/index.ts";
import type { EventDetail } from "../events/define.ts";
import type { ShipmentDelivered, ShipmentDispatched } from "../shipment/events.ts";
import { shippedTo } from "../shipment/shipments.ts";
import { useTenantId, withActor } from "../tenant/context.ts";
import { getTenant } from "../tenant/tenants.ts";
import type { LinkAccepted } from "../tenant-link/events.ts";
import { find as findLink } from "../tenant-link/links.ts";
import { isUdiError, parseUdi } from "../udi/index.ts";
import { fn } from "../util/fn.ts";
import { DeviceInstalled } from "./events.ts";
import { project } from "./projection.ts";
import { DeviceKey, type InstalledDevice, ListQuery } from "./schema.ts";

export { DEVICE_FIELDS, installedIdOf, warrantyEnd } from "./projection.ts";
export * from "./schema.ts";

type Shipped = EventDetail<typeof ShipmentDispatched> | EventDetail<typeof ShipmentDelivered>;

export type ApplyOutcome = "applied" | "unchanged" | "no-custodian" | "not-linked";

/** A write that lost to a later stage: the device already shows this event or a later one. */
class Stale extends Error {}

/**
 * Project a shipping event into the custodian hospital's installed base, in THAT tenant's
 * partition (re-entered as a system actor of the hospital), if the hospital accepted a link with
 * the manufacturer. Each device commits alone, only if it
 * moves forward (dispatched → delivered): a redelivered or late event changes nothing, and
 * `DeviceInstalled` leaves once per device, with the write that installs it.
 */
export async function applyShipment(detail: Shipped): Promise<Record<string, ApplyOutcome>> {
  const hospital = detail.data.custodianTenantId;
  if (!hospital || hospital === detail.tenantId) return {};
  const actor = {
    type: "system" as const,
    tenantId: hospital,
    tenantKind: "hospital" as const,
    name: "installed-base",
  };
  return withActor(actor, async () => {
    const tenant = await getTenant().catch((e: unknown) => {
      if (e instanceof DomainError && e.kind === "not-found") return undefined;
      throw e;
    });
    // A customer's tenantRef naming no hospital: nothing to project into (and never another kind's partition).
    if (tenant?.kind !== "hospital") {
      return Object.fromEntries(detail.data.devices.map((d) => [d.serialNo, "no-custodian" as const]));
    }
    // SEC-3: only a link the hospital accepted lets the sender in. Read from the hospital's own
    // partition, which only its admin (or the mirror, never to "accepted") writes: the sender's
    // customer record cannot stand in for the hospital's consent.
    if ((await findLink(detail.tenantId))?.status !== "accepted") {
      return Object.fromEntries(detail.data.devices.map((d) => [d.serialNo, "not-linked" as const]));
    }
    const deliveredAt = "deliveredAt" in detail.data ? detail.data.deliveredAt : null;
    const stage = {
      manufacturerTenantId: detail.tenantId,
      manufacturerName: detail.data.manufacturerName,
      dispatchedAt: detail.data.dispatchedAt,
      deliveredAt,
    };
    const outcomes = await Promise.all(
      detail.data.devices.map(async (d) => [d.serialNo, await write(project(d, stage), deliveredAt ? 2 : 1)] as const),
    );
    return Object.fromEntries(outcomes);
  });
}

/**
 * A hospital accepted a manufacturer's link: what the manufacturer had already sent it (which
 * did not reach it then) reaches its installed base now. Read as the manufacturer, written as
 * the hospital through `applyShipment`, device by device and forward only as for a live event,
 * so a redelivered acceptance, or one racing a live shipping event, changes nothing twice.
 */
export async function applyAcceptedLink(
  detail: EventDetail<typeof LinkAccepted>,
): Promise<Record<string, ApplyOutcome>> {
  const manufacturer = detail.data.partnerTenantId;
  const sent = await withActor({ type: "system", tenantId: manufacturer, name: "installed-base" }, () =>
    shippedTo(detail.tenantId),
  );
  const outcomes: Record<string, ApplyOutcome> = {};
  for (const data of sent) {
    Object.assign(outcomes, await applyShipment({ ...detail, tenantId: manufacturer, data }));
  }
  return outcomes;
}

async function write(device: InstalledDevice, stage: number): Promise<ApplyOutcome> {
  const tenantId = useTenantId();
  const stored = Object.fromEntries(Object.entries(device).filter(([, v]) => v !== null));
  try {
    await commit({
      writes: (e) => [
        e.installedDevice
          .upsert({ tenantId, ...stored, stage } as never)
          .where((a, op) => `${op.notExists(a.stage)} OR ${op.lt(a.stage, stage)}`)
          .commit(),
      ],
      events:
        device.status === "installed"
          ? [
              emit(DeviceInstalled, {
                installedId: device.installedId,
                udiDi: device.udiDi,
                serialNo: device.serialNo,
                model: device.model,
                manufacturerName: device.manufacturerName,
                warrantyEnd: device.warrantyEnd,
              }),
            ]
          : [],
      result: null,
      conditionFailed: () => new Stale(),
    });
    return "applied";
  } catch (e) {
    if (e instanceof Stale) return "unchanged";
    throw e;
  }
}

type DeviceItem = Omit<
  InstalledDevice,
  "serviceContact" | "lotNo" | "expiresOn" | "deliveredAt" | `warranty${string}`
> & {
  serviceContact?: string;
  lotNo?: string;
  expiresOn?: string;
  deliveredAt?: string;
  warrantyMonths?: number;
  warrantyStart?: string;
  warrantyEnd?: string;
};

/** The stored item back through the allow list of the response: nothing else leaves. */
const toDevice = (d: DeviceItem): InstalledDevice => ({
  installedId: d.installedId,
  status: d.status,
  manufacturerName: d.manufacturerName,
  serviceContact: d.serviceContact ?? null,
  model: d.model,
  modelNumber: d.modelNumber,
  udiDi: d.udiDi,
  udi: d.udi,
  udiHri: d.udiHri,
  serialNo: d.serialNo,
  lotNo: d.lotNo ?? null,
  expiresOn: d.expiresOn ?? null,
  shippedAt: d.shippedAt,
  deliveredAt: d.deliveredAt ?? null,
  warrantyMonths: d.warrantyMonths ?? null,
  warrantyStart: d.warrantyStart ?? null,
  warrantyEnd: d.warrantyEnd ?? null,
});

/**
 * The hospital's devices by serial; `serial` narrows to a serial prefix, `udi` to the device a
 * scanned label names (DI and serial must both match). One partition query, never a scan.
 */
export const list = fn(ListQuery, async (q) => {
  let serial = q.serial;
  let udiDi: string | undefined;
  if (q.udi) {
    const udi = parseUdi(q.udi);
    if (isUdiError(udi)) throw unprocessable("udi-unreadable", `The scanned code is not a valid UDI: ${udi.message}`);
    if (!udi.serial) throw unprocessable("udi-incomplete", "The scanned UDI carries no serial number");
    serial = udi.serial;
    udiDi = udi.di;
  }
  const all = Db.entities.installedDevice.query.bySerial({ tenantId: useTenantId() });
  const { data } = await (serial ? all.begins({ serialNo: serial }) : all).go({ pages: "all" });
  const items = (data as DeviceItem[])
    .map(toDevice)
    .filter((d) => !q.udi || (d.serialNo === serial && (!udiDi || d.udiDi === udiDi)));
  return { items };
});

export const get = fn(DeviceKey, async ({ installedId }) => {
  const { data } = await Db.entities.installedDevice.get({ tenantId: useTenantId(), installedId }).go();
  if (!data) throw notFound("device-not-found", "No such device in this organisation's installed base");
  return toDevice(data as DeviceItem);
});
