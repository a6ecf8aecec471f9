"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/auth";
import { api } from "@/server/api";
import { idempotencyKey, type Refusal, refusal, text } from "@/server/forms";

export type ReportState = { status: "idle" } | Refusal;

/** A hospital's report of a complaint or adverse event against a device it scanned. */
export async function reportComplaint(_prev: ReportState, form: FormData): Promise<ReportState> {
  await requireUser("/complaints");
  try {
    await api.complaints.complaints.reportComplaint({
      body: {
        udi: text(form, "udi"),
        kind: text(form, "kind"),
        description: text(form, "description"),
        eventDate: text(form, "eventDate"),
        patientInvolvement: text(form, "patientInvolvement"),
        deviceOutOfService: form.get("deviceOutOfService") === "on",
        reporter: text(form, "reporter"),
      },
      idempotencyKey: idempotencyKey(form),
    });
  } catch (e) {
    return refusal(e);
  }
  revalidatePath("/complaints");
  redirect("/complaints?done=reported");
}
