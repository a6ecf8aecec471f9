"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/auth";
import { api } from "@/server/api";
import { idempotencyKey, opt, refusal, text } from "@/server/forms";
import type { StepState } from "./record-actions";

/** A manufacturer's steps on complaints received and recall campaigns; each redirects to its record. */
const casePage = (complaintId: string) => `/quality/complaints/${complaintId}`;

/** A complaint case's step by its `intent`: decision, note, submission to an authority, closure. */
export async function caseStep(_prev: StepState, form: FormData): Promise<StepState> {
  const complaintId = text(form, "complaintId");
  await requireUser(casePage(complaintId));
  const params = { complaintId };
  const intent = text(form, "intent");
  const cases = api.complaints.complaintsReceived;
  const yes = (name: string) => form.get(name) === "on";
  try {
    if (intent === "decided") {
      const reportable = yes("reportable");
      await cases.decideComplaintCase({
        params,
        body: {
          reportable,
          regimes: reportable ? form.getAll("regime").map(String) : [],
          remedialAction: yes("remedialAction"),
          publicHealthThreat: yes("publicHealthThreat"),
          deathOrSeriousDeterioration: yes("deathOrSeriousDeterioration"),
          rationale: text(form, "rationale"),
        },
      });
    } else if (intent === "noted") {
      await cases.noteComplaintCase({ params, body: { text: text(form, "text") } });
    } else if (intent === "submitted") {
      await cases.submitComplaintReport({
        params,
        body: { regime: text(form, "regime"), reference: text(form, "reference") },
      });
    } else {
      await cases.closeComplaintCase({ params, body: { reason: text(form, "reason") } });
    }
  } catch (e) {
    return refusal(e);
  }
  revalidatePath(casePage(complaintId));
  revalidatePath("/quality/complaints");
  redirect(`${casePage(complaintId)}?done=${intent}`);
}

/** The recall decision on a forward trace's scope, signed (meaning "approved"). */
export async function openRecall(_prev: StepState, form: FormData): Promise<StepState> {
  await requireUser("/quality/recalls");
  const supplierId = opt(form, "supplierId");
  let campaignId: string;
  try {
    const campaign = await api.recalls.recallCampaigns.openRecallCampaign({
      body: {
        source: supplierId
          ? { supplierId, supplierLotNo: text(form, "supplierLotNo") }
          : { materialId: text(form, "materialId"), lotNo: text(form, "lotNo") },
        recallClass: text(form, "recallClass"),
        action: text(form, "action"),
        reason: text(form, "reason"),
        complaintRef: opt(form, "complaintRef"),
        password: String(form.get("password") ?? ""),
        meaning: "approved",
        statement: opt(form, "statement"),
      },
      idempotencyKey: idempotencyKey(form),
    });
    campaignId = campaign.campaignId;
  } catch (e) {
    return refusal(e);
  }
  revalidatePath("/quality/recalls");
  redirect(`/quality/recalls/${campaignId}?done=opened`);
}

const campaignPage = (campaignId: string) => `/quality/recalls/${campaignId}`;

/** A device's state recorded by the manufacturer (units in its hands, or told by other means). */
export async function recordRecallState(_prev: StepState, form: FormData): Promise<StepState> {
  const campaignId = text(form, "campaignId");
  await requireUser(campaignPage(campaignId));
  // One field names the device: `<productId>|<serialNo>` (a serial is unique within its product).
  const [productId = "", serialNo = ""] = text(form, "device").split("|");
  try {
    await api.recalls.recallCampaigns.recordRecallDeviceState({
      params: { campaignId },
      body: { productId, serialNo, state: text(form, "state") },
    });
  } catch (e) {
    return refusal(e);
  }
  revalidatePath(campaignPage(campaignId));
  redirect(`${campaignPage(campaignId)}?done=recorded`);
}

/** The campaign's closure, once every device is returned or corrected, signed (meaning "approved"). */
export async function closeRecall(_prev: StepState, form: FormData): Promise<StepState> {
  const campaignId = text(form, "campaignId");
  await requireUser(campaignPage(campaignId));
  try {
    await api.recalls.recallCampaigns.closeRecallCampaign({
      params: { campaignId },
      body: { password: String(form.get("password") ?? ""), meaning: "approved", statement: opt(form, "statement") },
    });
  } catch (e) {
    return refusal(e);
  }
  revalidatePath(campaignPage(campaignId));
  revalidatePath("/quality/recalls");
  redirect(`${campaignPage(campaignId)}?done=closed`);
}
