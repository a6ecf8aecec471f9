import { COMPLAINT_CLOCKS } from "@medloop/functions/capabilities/complaints";
import { type BusEvent, Complaints, patternFor, setClockOffset } from "@medloop/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../test/eventually.ts";
import { busTap, startTestPlatform, type TestPlatform } from "../test/platform.ts";

/**
 * TR-4 through the whole platform: a hospital reports an adverse event against a device of its
 * installed base by its UDI; the outbox, the bus and the forwarder write the manufacturer's case in
 * the manufacturer's partition; a decision with remedial action on a Friday starts a 5-work-day
 * clock, whose alert the schedule raises in time across the weekend (the platform's clock moved
 * forward), and the early-warning dispatch makes its task. River Children's is linked with
 * acme-med and holds its delivered devices; City Hospital is not linked and holds none of them.
 */
let p: TestPlatform;
let river: string;
let city: string;
let quality: string;
let planner: string;
const reported: BusEvent[] = [];

const DAY = 86_400_000;
/** The Friday after the real now, 10:00 UTC: the platform's clock runs from there. */
function nextFriday(): number {
  const d = new Date(Date.now());
  d.setUTCHours(10, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + ((5 - d.getUTCDay() + 7) % 7 || 7));
  return d.getTime();
}
let friday: number;
/** Move the platform's clock to `ms` after Friday 10:00. */
const at = (ms: number) => setClockOffset(friday + ms - Date.now());

beforeAll(async () => {
  p = await startTestPlatform({
    seed: "demo",
    extraRules: [busTap(patternFor(Complaints.Events.Reported), reported)],
  });
  [river, city, quality, planner] = await Promise.all([
    p.login("river-hospital", "biomed-engineer@river-hospital.test"),
    p.login("city-hospital", "biomed-engineer@city-hospital.test"),
    p.login("acme-med", "quality-engineer@acme-med.test"),
    p.login("acme-med", "planner@acme-med.test"),
  ]);
  friday = nextFriday();
});
afterAll(async () => {
  setClockOffset(0);
  await p?.stop();
});

const call = (method: "GET" | "POST", path: string, token: string, body?: unknown) =>
  p.call(method, path, { token, body });

const report = (udi: string) => ({
  udi,
  kind: "adverse-event",
  description: "Occlusion alarm did not sound during an infusion",
  eventDate: "2026-12-01",
  patientInvolvement: "injury",
  deviceOutOfService: true,
  reporter: "Biomed on call",
});

let device: { udiHri: string; udi: string; serialNo: string; installedId: string };
let complaintId: string;
// The demo seed's own complaint (seed-post-market.ts): River's report and acme-med's case of it.
let seeded: { reported: string[]; cases: number };

describe("a complaint from a hospital to its manufacturer", () => {
  it("given a device in River Children's installed base, when its biomed reports by UDI on a Friday, then acme-med sees the case", async () => {
    device = await eventually("river-hospital's installed base", async () => {
      const { body } = await call("GET", "/v1/installed-base", river);
      return body.items?.[0];
    });
    seeded = {
      reported: (await call("GET", "/v1/complaints", river)).body.items.map(
        (c: { complaintId: string }) => c.complaintId,
      ),
      cases: (await call("GET", "/v1/complaint-cases", quality)).body.items.length,
    };
    at(0);
    const res = await call("POST", "/v1/complaints", river, report(device.udi));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      device: { udi: device.udi, serialNo: device.serialNo },
      installedId: device.installedId,
      manufacturerName: expect.any(String),
    });
    complaintId = res.body.complaintId;
    const seen = await eventually("acme-med's case", async () => {
      const r = await call("GET", `/v1/complaint-cases/${complaintId}`, quality);
      return r.status === 200 ? r.body : undefined;
    });
    expect(seen).toMatchObject({ hospitalTenantId: "river-hospital", status: "received", device: res.body.device });
    expect(Date.parse(seen.awareAt) - friday).toBeLessThan(60_000);
    expect(JSON.stringify(seen)).not.toContain(device.installedId);
    expect(
      (await call("GET", "/v1/complaints", river)).body.items.map((c: { complaintId: string }) => c.complaintId),
    ).toEqual([...seeded.reported, complaintId]);
  });

  it("a replayed event changes nothing", async () => {
    await p.settled();
    const before = (await call("GET", `/v1/complaint-cases/${complaintId}`, quality)).body;
    const event = reported.find(
      (e) => (e.detail as { data: { complaintId: string } }).data.complaintId === complaintId,
    )!;
    expect(event).toBeDefined();
    await p.bus.putEvents([{ source: event.source, detailType: event["detail-type"], detail: event.detail }]);
    await p.settled();
    expect((await call("GET", `/v1/complaint-cases/${complaintId}`, quality)).body).toEqual(before);
    expect((await call("GET", "/v1/complaint-cases", quality)).body.items).toHaveLength(seeded.cases + 1);
  });

  it("another hospital can neither see nor act on it, nor report a device not in its own installed base", async () => {
    const other = await call("GET", `/v1/complaints/${complaintId}`, city);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("complaint-not-found");
    expect((await call("GET", "/v1/complaints", city)).body.items).toEqual([]);
    expect((await call("GET", `/v1/complaint-cases/${complaintId}`, city)).status).toBe(403);
    const stranger = await call("POST", "/v1/complaints", city, report(device.udi));
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe("device-not-in-installed-base");
    const unreadable = await call("POST", "/v1/complaints", river, report("not a label"));
    expect(unreadable.status).toBe(422);
    expect(unreadable.body.error.code).toBe("udi-unreadable");
    expect((await call("GET", "/v1/complaints", river)).body.items).toHaveLength(seeded.reported.length + 1);
  });

  it("bad decisions are refused with typed errors and change nothing; a planner may not decide", async () => {
    const before = (await call("GET", `/v1/complaint-cases/${complaintId}`, quality)).body;
    const contradicting = await call("POST", `/v1/complaint-cases/${complaintId}/decision`, quality, {
      reportable: true,
      regimes: [],
      remedialAction: true,
      publicHealthThreat: false,
      deathOrSeriousDeterioration: false,
      rationale: "no regime named",
    });
    expect(contradicting.status).toBe(400);
    expect(contradicting.body.error.code).toBe("invalid-input");
    const early = await call("POST", `/v1/complaint-cases/${complaintId}/close`, quality, { reason: "nothing" });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("decision-missing");
    const byPlanner = await call("POST", `/v1/complaint-cases/${complaintId}/notes`, planner, { text: "hello" });
    expect(byPlanner.status).toBe(403);
    expect((await call("GET", `/v1/complaint-cases/${complaintId}`, quality)).body).toEqual(before);
  });

  it("a decision with remedial action on the Friday: the 5-work-day clock alerts on Wednesday, not over the weekend, and its task exists", async () => {
    at(60 * 60_000);
    const decided = await call("POST", `/v1/complaint-cases/${complaintId}/decision`, quality, {
      reportable: true,
      regimes: ["fda-mdr"],
      remedialAction: true,
      publicHealthThreat: false,
      deathOrSeriousDeterioration: false,
      rationale: "Malfunction with injury; field correction planned",
    });
    expect(decided.status).toBe(200);
    const [clock] = decided.body.clocks;
    // Due the next Friday (5 work days, the weekend skipped), at the awareness time.
    expect(Date.parse(clock.dueAt) - Date.parse(decided.body.awareAt)).toBe(7 * DAY);
    const alertsOfCase = async () =>
      (await call("GET", "/v1/early-warning/alerts", quality)).body.items.filter((a: { subject: string }) =>
        a.subject.includes(complaintId),
      );
    for (const day of [1, 2, 3, 4]) {
      at(day * DAY + 60 * 60_000); // Saturday, Sunday, Monday, Tuesday
      await p.scheduler.runNow(COMPLAINT_CLOCKS);
      await p.settled();
      expect(await alertsOfCase()).toEqual([]);
    }
    at(5 * DAY + 60 * 60_000); // Wednesday 11:00, two work days left
    await p.scheduler.runNow(COMPLAINT_CLOCKS);
    await p.settled();
    const [alert] = await alertsOfCase();
    expect(alert).toMatchObject({ grade: "warning", status: "open", assignee: "role:quality-engineer" });
    expect(Date.parse(alert.raisedAt)).toBeLessThan(Date.parse(clock.dueAt));
    const task = await eventually("the clock's task", async () => {
      const { body } = await call("GET", "/v1/early-warning/tasks?view=role&role=quality-engineer", quality);
      return body.items.find((t: { alertId: string }) => t.alertId === alert.alertId);
    });
    expect(task).toMatchObject({ grade: "warning", owner: "role:quality-engineer" });
    // Not again on the next run.
    await p.scheduler.runNow(COMPLAINT_CLOCKS);
    await p.settled();
    expect(await alertsOfCase()).toHaveLength(1);
  });

  it("recorded as reported to the FDA with its reference, then closed with a reason", async () => {
    const submitted = await call("POST", `/v1/complaint-cases/${complaintId}/submissions`, quality, {
      regime: "fda-mdr",
      reference: "MW5098765",
    });
    expect(submitted.body).toMatchObject({ status: "reported", clocks: [{ reference: "MW5098765" }] });
    at(30 * DAY);
    await p.scheduler.runNow(COMPLAINT_CLOCKS);
    await p.settled();
    const closed = await call("POST", `/v1/complaint-cases/${complaintId}/close`, quality, {
      reason: "Reported to FDA; CAPA opened",
    });
    expect(closed.body).toMatchObject({ status: "closed", closeReason: "Reported to FDA; CAPA opened" });
    const again = await call("POST", `/v1/complaint-cases/${complaintId}/close`, quality, { reason: "twice" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("complaint-closed");
  });
});
