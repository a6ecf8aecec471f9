import { Recalls } from "@medloop/shared";
import { eventually } from "../test/eventually.ts";
import type { TestPlatform } from "../test/platform.ts";

/**
 * The security suite's samples for the recall routes, aimed at records of the victim (acme-med)
 * that no seed makes: `prepareRecallVictim` opens a campaign through the API from a supplier lot
 * of the seeded pump lot, and waits for its notice at river-hospital (a hospital the attacker,
 * city-hospital, is not); the suite swaps `recallIds` for ones that exist nowhere.
 */
export interface RecallVictim {
  campaignId: string;
  noticeId: string;
  installedId: string;
  productId: string;
  serialNo: string;
  supplierId: string;
  supplierLotNo: string;
}

export const recallVictim = {} as RecallVictim;

export async function prepareRecallVictim(p: TestPlatform, signIn: (tenant: string, email: string) => Promise<string>) {
  const engineer = await signIn("acme-med", "quality-engineer@acme-med.test");
  const river = await signIn("river-hospital", "biomed-engineer@river-hospital.test");
  const orders = await p.call("GET", "/v1/production/orders", { token: engineer });
  const order = orders.body.items.find((o: { fgLotNo: string }) => o.fgLotNo === "IP200-2601");
  const detail = await p.call("GET", `/v1/production/orders/${order.orderId}`, { token: engineer });
  const { supplierId, supplierLotNo } = detail.body.issues.find((i: { origin: unknown }) => i.origin).origin;
  const opened = await p.call("POST", "/v1/recalls/campaigns", {
    token: engineer,
    body: {
      source: { supplierId, supplierLotNo },
      recallClass: "II",
      action: "correction",
      reason: "security sample",
      password: p.demo.password,
      meaning: "approved",
    },
  });
  if (opened.status !== 201) throw new Error(`recall victim: ${opened.status} ${JSON.stringify(opened.body)}`);
  // This campaign's notice, not the demo seed's campaign's (seed-post-market.ts), which River holds too.
  const noticeId = Recalls.Notices.noticeIdOf("acme-med", opened.body.campaignId, "river-hospital");
  const notice = await eventually("river-hospital's recall notice", async () => {
    const { status, body } = await p.call("GET", `/v1/recall-notices/${noticeId}`, { token: river });
    return status === 200 ? body : undefined;
  });
  await p.settled();
  const device = opened.body.devices.find((d: { hospitalTenantId: string | null }) => !d.hospitalTenantId);
  Object.assign(recallVictim, {
    campaignId: opened.body.campaignId,
    noticeId: notice.noticeId,
    installedId: notice.devices[0].installedId,
    productId: device.productId,
    serialNo: device.serialNo,
    supplierId,
    supplierLotNo,
  });
}

/** The victim's recall record ids (not the supplier lot, which its own samples carry). */
export const recallIds = (): string[] => [recallVictim.campaignId, recallVictim.noticeId, recallVictim.installedId];

const campaign = () => ({ campaignId: recallVictim.campaignId });
const notice = () => ({ noticeId: recallVictim.noticeId });
const signature = () => ({ password: "a password", meaning: "approved" });

export const recallSamples: Record<string, () => { params?: Record<string, string>; body?: unknown }> = {
  "POST /v1/recalls/campaigns": () => ({
    body: {
      source: { supplierId: recallVictim.supplierId, supplierLotNo: recallVictim.supplierLotNo },
      recallClass: "I",
      action: "removal",
      reason: "security test",
      ...signature(),
    },
  }),
  "GET /v1/recalls/campaigns": () => ({}),
  "GET /v1/recalls/campaigns/{campaignId}": () => ({ params: campaign() }),
  "POST /v1/recalls/campaigns/{campaignId}/device-states": () => ({
    params: campaign(),
    body: { productId: recallVictim.productId, serialNo: recallVictim.serialNo, state: "corrected" },
  }),
  "POST /v1/recalls/campaigns/{campaignId}/close": () => ({ params: campaign(), body: signature() }),
  "GET /v1/recalls/campaigns/{campaignId}/evidence": () => ({ params: campaign() }),
  "GET /v1/recall-notices": () => ({}),
  "GET /v1/recall-notices/{noticeId}": () => ({ params: notice() }),
  "POST /v1/recall-notices/{noticeId}/acknowledge": () => ({ params: notice(), body: {} }),
  "POST /v1/recall-notices/{noticeId}/device-states": () => ({
    params: notice(),
    body: { installedId: recallVictim.installedId, state: "located" },
  }),
};
