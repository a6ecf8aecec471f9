import { commit, emit } from "../db/commit.ts";
import { Db } from "../db/service.ts";
import { notFound, unprocessable } from "../errors/index.ts";
import { list as installedBase } from "../installed-base/installed-base.ts";
import { installedIdOf } from "../installed-base/projection.ts";
import { nowIso } from "../ports/clock.ts";
import { uuid } from "../ports/ids.ts";
import { actorId, useTenantId } from "../tenant/context.ts";
import { list as links } from "../tenant-link/links.ts";
import { fn } from "../util/fn.ts";
import { Reported } from "./events.ts";
import { ComplaintKey, ReportBody } from "./schema.ts";
import { type ComplaintItem, toComplaint } from "./views.ts";

/**
 * The hospital's side (TR-4): a complaint or adverse event reported against a device of its own
 * installed base, found by its scanned UDI, and the hospital's list of what it reported. The
 * record carries the UDI (21 CFR 820.35(a)) and names the manufacturer the device came from.
 */

/**
 * The manufacturer a device of the installed base came from: the one linked partner whose id the
 * device's id was derived from (installed-base/projection.ts `installedIdOf`). Only an accepted
 * link counts: a complaint reaches no organisation the hospital has not agreed to share with.
 */
async function manufacturerOf(device: { installedId: string; udiDi: string; serialNo: string }) {
  const link = (await links()).find(
    (l) =>
      l.status === "accepted" &&
      l.partnerKind === "manufacturer" &&
      installedIdOf(l.partnerTenantId, device.udiDi, device.serialNo) === device.installedId,
  );
  if (!link) {
    throw unprocessable(
      "manufacturer-not-linked",
      "This device's manufacturer is not linked with your organisation: the complaint cannot reach it",
    );
  }
  return link.partnerTenantId;
}

export const report = fn(ReportBody, async (input) => {
  const { items } = await installedBase({ udi: input.udi });
  const device = items[0];
  if (!device) throw notFound("device-not-in-installed-base", "No device with this UDI in your installed base");
  const manufacturerTenantId = await manufacturerOf(device);
  const tenantId = useTenantId();
  const item: ComplaintItem = {
    tenantId,
    complaintId: uuid(),
    kind: input.kind,
    description: input.description,
    eventDate: input.eventDate,
    patientInvolvement: input.patientInvolvement,
    deviceOutOfService: input.deviceOutOfService,
    reporter: input.reporter,
    udi: device.udi,
    udiHri: device.udiHri,
    udiDi: device.udiDi,
    model: device.model,
    modelNumber: device.modelNumber,
    serialNo: device.serialNo,
    ...(device.lotNo !== null && { lotNo: device.lotNo }),
    reportedAt: nowIso(),
    installedId: device.installedId,
    manufacturerTenantId,
    manufacturerName: device.manufacturerName,
    reportedBy: actorId(),
  };
  const view = toComplaint(item);
  return commit({
    writes: (e) => [e.complaint.create(item).commit()],
    events: [
      emit(Reported, {
        complaintId: item.complaintId,
        manufacturerTenantId,
        kind: view.kind,
        description: view.description,
        eventDate: view.eventDate,
        patientInvolvement: view.patientInvolvement,
        deviceOutOfService: view.deviceOutOfService,
        reporter: view.reporter,
        device: view.device,
        reportedAt: view.reportedAt,
      }),
    ],
    result: view,
  });
});

/** The hospital's complaints, oldest first. */
export async function list() {
  const { data } = await Db.entities.complaint.query.byReported({ tenantId: useTenantId() }).go({ pages: "all" });
  return (data as ComplaintItem[]).map(toComplaint);
}

export const get = fn(ComplaintKey, async ({ complaintId }) => {
  const { data } = await Db.entities.complaint.get({ tenantId: useTenantId(), complaintId }).go();
  if (!data) throw notFound("complaint-not-found", "No such complaint of your organisation");
  return toComplaint(data as ComplaintItem);
});
