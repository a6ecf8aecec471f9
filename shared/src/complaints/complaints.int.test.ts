import { beforeAll, describe, expect, it } from "vitest";
import { ensureTestTable } from "../../../test/table.ts";
import { Db } from "../db/service.ts";
import { Alerts, Tasks } from "../early-warning/index.ts";
import type { EventDetail } from "../events/define.ts";
import { applyShipment } from "../installed-base/installed-base.ts";
import { type ManualClock, manualClock } from "../ports/clock.ts";
import type { ShipmentDelivered } from "../shipment/events.ts";
import { type Actor, withActor, withScope } from "../tenant/context.ts";
import { Tenants } from "../tenant/index.ts";
import type { Role, TenantKind } from "../tenant/schema.ts";
import { TenantLinkMirror as Mirror, TenantLinks } from "../tenant-link/index.ts";
import { compose, formatUdi, isUdiError } from "../udi/index.ts";
import type { Reported } from "./events.ts";
import { Cases, ClockAlerts, Forward, get, list, report } from "./index.ts";
import type { Complaint } from "./schema.ts";

/**
 * The complaint's whole path on DynamoDB Local, in the domain: a device delivered to a linked
 * hospital, reported by its UDI, forwarded to the manufacturer as its case, decided on a Friday
 * with remedial action, and its 5-work-day clock alerting across the weekend.
 */
const M = "cp-mfr";
const H = "cp-hosp";
const H2 = "cp-hosp-two";
const GTIN = "09506000134352";
// Friday 11 December 2026, 10:00 UTC: the complaint reaches the manufacturer.
const FRIDAY = "2026-12-11T10:00:00.000Z";
const DAY = 86_400_000;

const user = (tenantId: string, tenantKind: TenantKind, roles: Role[]): Actor => ({
  type: "user",
  tenantId,
  tenantKind,
  userId: `u-${tenantId}`,
  email: `someone@${tenantId}.test`,
  roles,
});
const biomed = (tenantId = H) => user(tenantId, "hospital", ["biomed-engineer"]);
const quality = user(M, "manufacturer", ["quality-engineer"]);

let clock: ManualClock;
const at = <R>(actor: Actor, f: () => Promise<R>) => withScope({ actor, clock }, f);
const system = (tenantId: string) => ({ type: "system" as const, tenantId, name: "test" });

function udiOf(serial: string) {
  const udi = compose({ gtin: GTIN, lot: "L-77", serial });
  if (isUdiError(udi)) throw new Error(udi.message);
  return { element: formatUdi(udi, "gs1-element-string") as string, hri: formatUdi(udi, "gs1-bracketed") as string };
}

function delivered(to: string, serials: string[]): EventDetail<typeof ShipmentDelivered> {
  const at = "2026-11-02T09:00:00.000Z";
  return {
    id: `ship-${to}`,
    tenantId: M,
    occurredAt: at,
    actor: "user:x",
    data: {
      shipmentId: `s-${to}`,
      shipmentNo: "SH-1",
      customerId: "c-1",
      custodianTenantId: to,
      manufacturerName: "Complaint Maker",
      reference: null,
      dispatchedAt: at,
      deliveredAt: at,
      devices: serials.map((serialNo) => ({
        productId: "p-1",
        model: "Infusion pump",
        modelNumber: "IP-9",
        udiDi: GTIN,
        serialNo,
        lotNo: "L-77",
        expiresOn: null,
        udi: udiOf(serialNo).element,
        udiHri: udiOf(serialNo).hri,
        warrantyMonths: 24,
        serviceContact: null,
        warehouseId: "w-1",
        locationId: "l-1",
      })),
    },
  } as EventDetail<typeof ShipmentDelivered>;
}

/** The event the report committed, as the bus hands it to the forwarder. */
const reportedEvent = (c: Complaint, tenantId = H): EventDetail<typeof Reported> => ({
  id: `ev-${c.complaintId}`,
  tenantId,
  occurredAt: c.reportedAt,
  actor: c.reportedBy,
  data: {
    complaintId: c.complaintId,
    manufacturerTenantId: M,
    kind: c.kind,
    description: c.description,
    eventDate: c.eventDate,
    patientInvolvement: c.patientInvolvement,
    deviceOutOfService: c.deviceOutOfService,
    reporter: c.reporter,
    device: c.device,
    reportedAt: c.reportedAt,
  },
});

const body = (udi: string) => ({
  udi,
  kind: "adverse-event" as const,
  description: "Occlusion alarm did not sound; over-infusion",
  eventDate: "2026-12-10",
  patientInvolvement: "injury" as const,
  deviceOutOfService: true,
  reporter: "Nurse Ada, ward 4",
});

const decision = {
  reportable: true,
  regimes: ["fda-mdr" as const],
  remedialAction: true,
  publicHealthThreat: false,
  deathOrSeriousDeterioration: false,
  rationale: "Malfunction that led to an injury; a field correction is needed",
};

beforeAll(async () => {
  await ensureTestTable();
  clock = manualClock(FRIDAY);
  const tenants: [string, string, TenantKind][] = [
    [M, "Complaint Maker", "manufacturer"],
    [H, "Complaint Hospital", "hospital"],
    [H2, "Unlinked Hospital", "hospital"],
  ];
  for (const [tenantId, name, kind] of tenants) {
    await withActor(system(tenantId), () => Tenants.create({ name, kind, defaultLocale: "en" }));
  }
  const admin = (tenantId: string, kind: TenantKind) => user(tenantId, kind, ["admin"]);
  const { invitedAt } = await withActor(admin(M, "manufacturer"), () => TenantLinks.invite({ partnerTenantId: H }));
  const envelope = (tenantId: string) => ({ id: "e", tenantId, occurredAt: invitedAt, actor: "user:x" });
  await Mirror.invited({
    ...envelope(M),
    data: { partnerTenantId: H, invitedAt, inviterName: "Complaint Maker", inviterKind: "manufacturer" },
  });
  await withActor(admin(H, "hospital"), () => TenantLinks.accept({ partnerTenantId: M }));
  await Mirror.answered({ ...envelope(H), data: { partnerTenantId: M, invitedAt } }, "accepted");
  expect(await applyShipment(delivered(H, ["CP-1", "CP-2"]))).toEqual({ "CP-1": "applied", "CP-2": "applied" });
});

let complaint: Complaint;

describe("a hospital reports", () => {
  it("a device of its installed base by its scanned UDI: the record carries the UDI, the device and its manufacturer", async () => {
    complaint = await at(biomed(), () => report(body(udiOf("CP-1").element)));
    expect(complaint).toMatchObject({
      kind: "adverse-event",
      device: { udi: udiOf("CP-1").element, udiDi: GTIN, serialNo: "CP-1", lotNo: "L-77", model: "Infusion pump" },
      manufacturerName: "Complaint Maker",
      reportedAt: FRIDAY,
      reportedBy: `user:u-${H}`,
    });
    const byHri = await at(biomed(), () => report(body(udiOf("CP-2").hri)));
    expect(byHri.device.serialNo).toBe("CP-2");
    expect((await at(biomed(), () => list())).map((c) => c.complaintId)).toContain(complaint.complaintId);
    const { data: stored } = await withActor(system(H), () =>
      Db.entities.complaint.get({ tenantId: H, complaintId: complaint.complaintId }).go(),
    );
    expect(stored).toMatchObject({ manufacturerTenantId: M, udi: udiOf("CP-1").element });
  });

  it("nothing else: an unreadable UDI, a device not in its installed base, another hospital's device — refused, nothing written", async () => {
    const before = (await at(biomed(), () => list())).length;
    await expect(at(biomed(), () => report(body("not a udi")))).rejects.toMatchObject({ code: "udi-unreadable" });
    await expect(at(biomed(), () => report(body(udiOf("CP-404").hri)))).rejects.toMatchObject({
      code: "device-not-in-installed-base",
    });
    await expect(at(biomed(H2), () => report(body(udiOf("CP-1").hri)))).rejects.toMatchObject({
      code: "device-not-in-installed-base",
    });
    await expect(
      at(biomed(), async () => report({ ...body(udiOf("CP-1").hri), kind: "rumour" as never })),
    ).rejects.toMatchObject({
      name: "ZodError",
    });
    expect(await at(biomed(), () => list())).toHaveLength(before);
    expect(await at(biomed(H2), () => list())).toEqual([]);
  });

  it("and sees only its own complaints", async () => {
    await expect(at(biomed(H2), () => get({ complaintId: complaint.complaintId }))).rejects.toMatchObject({
      code: "complaint-not-found",
    });
    expect(await at(biomed(), () => get({ complaintId: complaint.complaintId }))).toEqual(complaint);
  });
});

describe("the manufacturer's case", () => {
  it("is written once in the manufacturer's partition from the allow-listed fields; a replay changes nothing", async () => {
    expect(await withScope({ actor: system(H), clock }, () => Forward.receive(reportedEvent(complaint)))).toBe(
      "received",
    );
    const first = await at(quality, () => Cases.get({ complaintId: complaint.complaintId }));
    expect(first).toMatchObject({
      hospitalTenantId: H,
      hospitalName: "Complaint Hospital",
      device: complaint.device,
      awareAt: FRIDAY,
      status: "received",
      decision: null,
      clocks: [],
    });
    const raw = JSON.stringify(
      (
        await withActor(system(M), () =>
          Db.entities.complaintCase.get({ tenantId: M, complaintId: complaint.complaintId }).go(),
        )
      ).data,
    );
    expect(raw).not.toContain(complaint.installedId);
    expect(raw).not.toContain(complaint.reportedBy);
    clock.advance(DAY);
    expect(await withScope({ actor: system(H), clock }, () => Forward.receive(reportedEvent(complaint)))).toBe(
      "unchanged",
    );
    expect(await at(quality, () => Cases.get({ complaintId: complaint.complaintId }))).toEqual(first);
    clock.advance(-DAY);
  });

  it("is not written for a hospital without a link", async () => {
    expect(await Forward.receive(reportedEvent(complaint, H2))).toBe("not-linked");
  });

  it("refuses to close before a decision, and a second decision", async () => {
    const key = { complaintId: complaint.complaintId };
    await expect(at(quality, () => Cases.close({ ...key, body: { reason: "nothing to see" } }))).rejects.toMatchObject({
      code: "decision-missing",
    });
    const decided = await at(quality, () => Cases.decide({ ...key, body: decision }));
    // Friday + 5 work days: the next Friday, same time; warned from the Wednesday before.
    expect(decided).toMatchObject({
      status: "under-investigation",
      clocks: [
        {
          regime: "fda-mdr",
          days: 5,
          unit: "work",
          dueAt: "2026-12-18T10:00:00.000Z",
          warnAt: "2026-12-16T10:00:00.000Z",
          submittedAt: null,
        },
      ],
    });
    await expect(at(quality, () => Cases.decide({ ...key, body: decision }))).rejects.toMatchObject({
      code: "decision-made",
    });
    await expect(
      at(quality, () => Cases.submit({ ...key, body: { regime: "eu-mdr", reference: "EU-1" } })),
    ).rejects.toMatchObject({ code: "regime-not-reportable" });
    await expect(
      at(quality, () => Cases.close({ ...key, body: { reason: "reported elsewhere" } })),
    ).rejects.toMatchObject({ code: "report-outstanding" });
    const noted = await at(quality, () => Cases.note({ ...key, body: { text: "Pump returned for analysis" } }));
    expect(noted.notes).toEqual([{ text: "Pump returned for analysis", by: `user:u-${M}`, at: FRIDAY }]);
  });

  it("its 5-work-day clock raises its alert in time across the weekend, once, then a critical one when overdue", async () => {
    const sweep = () => withScope({ actor: system(M), clock }, () => ClockAlerts.sweep());
    const alerts = () => at(quality, () => Alerts.list({}));
    // Saturday, Sunday, Monday, Tuesday: running.
    for (let d = 1; d <= 4; d++) {
      clock.advance(DAY);
      expect(await sweep()).toBe(0);
    }
    expect(await alerts()).toEqual([]);
    // Wednesday 10:00: two work days left.
    clock.advance(DAY);
    expect(await sweep()).toBe(1);
    expect(await sweep()).toBe(0);
    const [warning] = await alerts();
    expect(warning).toMatchObject({
      ruleId: ClockAlerts.CLOCK_RULE_ID,
      grade: "warning",
      subject: ClockAlerts.subjectOf(complaint.complaintId, "fda-mdr", false),
      assignee: "role:quality-engineer",
      firing: { evidence: { kind: "complaint-clock", dueAt: "2026-12-18T10:00:00.000Z", overdue: false } },
    });
    const task = await withScope({ actor: system(M), clock }, () => Tasks.dispatch(warning!.alertId, 0));
    expect(task?.task).toMatchObject({ owner: "role:quality-engineer", grade: "warning" });
    // Friday 10:00: overdue.
    clock.advance(2 * DAY);
    expect(await sweep()).toBe(1);
    expect(await sweep()).toBe(0);
    expect((await alerts()).map((a) => a.grade).sort()).toEqual(["critical", "warning"]);
    const view = await at(quality, () => Cases.get({ complaintId: complaint.complaintId }));
    expect(view.clocks[0]!.alerted).toBe(2);
  });

  it("is reported with a reference, which stops its clock, and closed with a reason; a closed case takes nothing more", async () => {
    const key = { complaintId: complaint.complaintId };
    const reported = await at(quality, () =>
      Cases.submit({ ...key, body: { regime: "fda-mdr", reference: "MW5012345" } }),
    );
    expect(reported).toMatchObject({ status: "reported", clocks: [{ reference: "MW5012345" }] });
    await expect(
      at(quality, () => Cases.submit({ ...key, body: { regime: "fda-mdr", reference: "again" } })),
    ).rejects.toMatchObject({ code: "report-submitted" });
    clock.advance(30 * DAY);
    expect(await withScope({ actor: system(M), clock }, () => ClockAlerts.sweep())).toBe(0);
    const closed = await at(quality, () => Cases.close({ ...key, body: { reason: "Reported; CAPA 12 opened" } }));
    expect(closed).toMatchObject({ status: "closed", closeReason: "Reported; CAPA 12 opened" });
    await expect(at(quality, () => Cases.note({ ...key, body: { text: "late" } }))).rejects.toMatchObject({
      code: "complaint-closed",
    });
    expect(await at(quality, () => Cases.list({ status: "closed" }))).toHaveLength(1);
  });
});
