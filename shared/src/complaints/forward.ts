import { commit } from "../db/commit.ts";
import type { EventDetail } from "../events/define.ts";
import { nowIso } from "../ports/clock.ts";
import { useTenantId, withActor } from "../tenant/context.ts";
import { find as findLink } from "../tenant-link/links.ts";
import type { Reported } from "./events.ts";
import type { CaseItem } from "./views.ts";

/**
 * A hospital's report → the manufacturer's case, written in the MANUFACTURER's partition (re-entered
 * as a system actor of that tenant). The allow list below is all that crosses: the hospital's own
 * ids (installed id, user, anything added to the report later) stay with the hospital. The case is
 * created only if absent, so a replayed or redelivered event changes nothing.
 */
export const CASE_FIELDS = [
  "complaintId",
  "kind",
  "description",
  "eventDate",
  "patientInvolvement",
  "deviceOutOfService",
  "reporter",
  "reportedAt",
] as const;

export const DEVICE_FIELDS = ["udi", "udiHri", "udiDi", "model", "modelNumber", "serialNo", "lotNo"] as const;

export type ForwardOutcome = "received" | "unchanged" | "not-linked";

export async function receive(detail: EventDetail<typeof Reported>): Promise<ForwardOutcome> {
  const { data } = detail;
  const hospital = detail.tenantId;
  const actor = {
    type: "system" as const,
    tenantId: data.manufacturerTenantId,
    tenantKind: "manufacturer" as const,
    name: "complaints",
  };
  return withActor(actor, async (): Promise<ForwardOutcome> => {
    // The manufacturer's own side of the link must stand too: a revoked link lets nothing in.
    const link = await findLink(hospital);
    if (link?.status !== "accepted" || link.partnerKind !== "hospital") return "not-linked";
    const picked = Object.fromEntries(CASE_FIELDS.map((f) => [f, data[f]]));
    const device = Object.fromEntries(DEVICE_FIELDS.map((f) => [f, data.device[f]]).filter(([, v]) => v !== null));
    const item = {
      ...picked,
      ...device,
      tenantId: useTenantId(),
      hospitalTenantId: hospital,
      hospitalName: link.partnerName,
      awareAt: nowIso(),
      status: "received",
      rev: 1,
      clocks: "[]",
      notes: "[]",
    } as CaseItem;
    return commit({
      writes: (e) => [e.complaintCase.create(item).commit()],
      result: "received" as const,
      conditionFailed: () => new Exists(),
    }).catch((e: unknown) => {
      if (e instanceof Exists) return "unchanged" as const;
      throw e;
    });
  });
}

/** The case is there already: this event was forwarded before. */
class Exists extends Error {}
