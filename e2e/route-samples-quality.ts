import type { TestPlatform } from "../test/platform.ts";

/**
 * The security suite's samples for the nonconformance and CAPA routes, aimed at records of the
 * victim (acme-med) that no seed makes: `prepareQualityVictim` raises a report from the line, opens
 * a CAPA on it and gives the CAPA a root cause and an action, through the API.
 */
export const qualityVictim = { ncId: "", capaId: "", actionId: "" };

const nc = {
  source: { kind: "line", reference: "Line 2, station 4" },
  title: "Label misprint",
  description: "UDI label printed off-centre on five units",
  severity: "minor",
  subject: { kind: "lot", id: "IP200-2606" },
};

export async function prepareQualityVictim(p: TestPlatform, signIn: (email: string) => Promise<string>) {
  const token = await signIn("quality-engineer@acme-med.test");
  const raised = await p.call("POST", "/v1/quality/nonconformances", { token, body: nc });
  const opened = await p.call("POST", "/v1/quality/capas", {
    token,
    body: {
      kind: "corrective",
      title: "Label printer alignment",
      problem: "Labels printed off-centre on line 2",
      ncIds: [raised.body.ncId],
      owner: { type: "role", role: "quality-engineer" },
      dueOn: "2027-03-01",
    },
  });
  const capaId = opened.body.capaId as string;
  await p.call("POST", `/v1/quality/capas/${capaId}/root-cause`, {
    token,
    body: {
      expectedRev: 1,
      method: "5-why",
      investigation: "The printer's guide rail was loose",
      category: "machine",
      rootCause: "No torque check on the guide rail in the printer's PM",
    },
  });
  const acted = await p.call("POST", `/v1/quality/capas/${capaId}/actions`, {
    token,
    body: {
      expectedRev: 2,
      description: "Add a torque check to the printer's preventive maintenance",
      owner: { type: "role", role: "operator" },
      dueOn: "2027-02-01",
    },
  });
  Object.assign(qualityVictim, { ncId: raised.body.ncId, capaId, actionId: acted.body.actions[0].actionId });
}

const signature = { password: "not the victim's password" };
const capa = () => ({ capaId: qualityVictim.capaId });

export const qualitySamples: Record<string, () => { params?: Record<string, string>; body?: unknown }> = {
  "GET /v1/quality/nonconformances": () => ({}),
  "POST /v1/quality/nonconformances": () => ({ body: nc }),
  "GET /v1/quality/nonconformances/{ncId}": () => ({ params: { ncId: qualityVictim.ncId } }),
  "POST /v1/quality/nonconformances/{ncId}/disposition": () => ({
    params: { ncId: qualityVictim.ncId },
    body: { disposition: "scrap", reason: "security test", signature },
  }),
  "GET /v1/quality/capas": () => ({}),
  "POST /v1/quality/capas": () => ({
    body: {
      kind: "corrective",
      title: "Taking the victim's report",
      problem: "An attacker names another tenant's report",
      ncIds: [qualityVictim.ncId],
      owner: { type: "role", role: "quality-engineer" },
      dueOn: "2027-03-01",
    },
  }),
  "GET /v1/quality/capas/{capaId}": () => ({ params: capa() }),
  "POST /v1/quality/capas/{capaId}/root-cause": () => ({
    params: capa(),
    body: {
      expectedRev: 3,
      method: "other",
      investigation: "An attacker's",
      category: "method",
      rootCause: "None at all",
    },
  }),
  "POST /v1/quality/capas/{capaId}/actions": () => ({
    params: capa(),
    body: {
      expectedRev: 3,
      description: "An attacker's action",
      owner: { type: "role", role: "operator" },
      dueOn: "2027-02-01",
    },
  }),
  "POST /v1/quality/capas/{capaId}/actions/{actionId}/complete": () => ({
    params: { ...capa(), actionId: qualityVictim.actionId },
    body: { expectedRev: 3, outcome: "Done by an attacker" },
  }),
  "POST /v1/quality/capas/{capaId}/effectiveness": () => ({
    params: capa(),
    body: { expectedRev: 3, criteria: "none at all", evidence: "none at all", effective: true, signature },
  }),
  "POST /v1/quality/capas/{capaId}/close": () => ({
    params: capa(),
    body: { expectedRev: 3, summary: "Closed by an attacker", signature },
  }),
};

export const qualityIds = (): string[] => Object.values(qualityVictim);
