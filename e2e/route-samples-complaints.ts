import { eventually } from "../test/eventually.ts";
import type { TestPlatform } from "../test/platform.ts";

/**
 * The security suite's samples for the complaint routes, aimed at a complaint no seed makes:
 * `prepareComplaintVictim` has river-hospital (linked with acme-med; the attacker is city-hospital)
 * report one against a device of its installed base and waits for acme-med's case of it.
 */
export const complaintVictim = { complaintId: "", udi: "" };

export async function prepareComplaintVictim(
  p: TestPlatform,
  signIn: (tenant: string, email: string) => Promise<string>,
) {
  const river = await signIn("river-hospital", "biomed-engineer@river-hospital.test");
  const devices = await eventually("river-hospital's installed base", async () => {
    const { body } = await p.call("GET", "/v1/installed-base", { token: river });
    return body.items?.length ? body.items : undefined;
  });
  const reported = await p.call("POST", "/v1/complaints", {
    token: river,
    body: { ...report, udi: devices[0].udiHri },
  });
  const quality = await signIn("acme-med", "quality-engineer@acme-med.test");
  await eventually("acme-med's case of the complaint", async () => {
    const { status } = await p.call("GET", `/v1/complaint-cases/${reported.body.complaintId}`, { token: quality });
    return status === 200 ? true : undefined;
  });
  await p.settled();
  Object.assign(complaintVictim, { complaintId: reported.body.complaintId, udi: devices[0].udiHri });
}

export const complaintIds = (): string[] => [complaintVictim.complaintId];

/** Params with the victim's complaint id replaced by a fresh one. */
const report = {
  kind: "complaint",
  description: "Security sample: display flickers",
  eventDate: "2026-12-01",
  patientInvolvement: "none",
  deviceOutOfService: false,
  reporter: "Security test",
};
const key = () => ({ complaintId: complaintVictim.complaintId });
const reason = "security test";

export const complaintSamples: Record<string, () => { params?: Record<string, string>; body?: unknown }> = {
  "POST /v1/complaints": () => ({ body: { ...report, udi: complaintVictim.udi } }),
  "GET /v1/complaints": () => ({}),
  "GET /v1/complaints/{complaintId}": () => ({ params: key() }),
  "GET /v1/complaint-cases": () => ({}),
  "GET /v1/complaint-cases/{complaintId}": () => ({ params: key() }),
  "POST /v1/complaint-cases/{complaintId}/decision": () => ({
    params: key(),
    body: {
      reportable: true,
      regimes: ["fda-mdr", "eu-mdr"],
      remedialAction: true,
      publicHealthThreat: false,
      deathOrSeriousDeterioration: false,
      rationale: reason,
    },
  }),
  "POST /v1/complaint-cases/{complaintId}/notes": () => ({ params: key(), body: { text: reason } }),
  "POST /v1/complaint-cases/{complaintId}/submissions": () => ({
    params: key(),
    body: { regime: "fda-mdr", reference: "MW-1" },
  }),
  "POST /v1/complaint-cases/{complaintId}/close": () => ({ params: key(), body: { reason } }),
};
