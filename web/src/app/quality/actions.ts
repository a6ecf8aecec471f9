"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { api } from "@/server/api";
import { type Refusal, refusal, text } from "@/server/forms";

/** What an alert's forms show after their action. */
export type AlertState = { status: "idle" } | { status: "success"; done: "acknowledged" | "closed" } | Refusal;

/** `intent` is `acknowledge` (no reason needed) or `close` (with the reason the API requires). */
export async function actOnAlert(_prev: AlertState, form: FormData): Promise<AlertState> {
  const alertId = text(form, "alertId");
  await requireUser(`/quality/alerts/${alertId}`);
  const params = { alertId };
  try {
    if (text(form, "intent") === "close") {
      await api.earlyWarning.warningAlerts.closeWarningAlert({ params, body: { reason: text(form, "reason") } });
    } else {
      await api.earlyWarning.warningAlerts.acknowledgeWarningAlert({ params, body: {} });
    }
    revalidatePath(`/quality/alerts/${alertId}`);
    revalidatePath("/quality");
    return { status: "success", done: text(form, "intent") === "close" ? "closed" : "acknowledged" };
  } catch (e) {
    return refusal(e);
  }
}
