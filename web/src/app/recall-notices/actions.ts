"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/auth";
import { api } from "@/server/api";
import { opt, type Refusal, refusal, text } from "@/server/forms";

export type NoticeState = { status: "idle" } | Refusal;

const page = (noticeId: string) => `/recall-notices/${noticeId}`;

/** The hospital's signed acknowledgement of a manufacturer's recall notice (meaning "reviewed"). */
export async function acknowledgeNotice(_prev: NoticeState, form: FormData): Promise<NoticeState> {
  const noticeId = text(form, "noticeId");
  await requireUser(page(noticeId));
  try {
    await api.recalls.recallNotices.acknowledgeRecallNotice({
      params: { noticeId },
      body: {
        signature: {
          password: String(form.get("password") ?? ""),
          meaning: "reviewed",
          statement: opt(form, "statement"),
        },
        note: opt(form, "note"),
      },
    });
  } catch (e) {
    return refusal(e);
  }
  revalidatePath(page(noticeId));
  revalidatePath("/recall-notices");
  redirect(`${page(noticeId)}?done=acknowledged`);
}

/** Where one of the hospital's recalled devices is now: located, quarantined, returned. */
export async function reportDeviceState(_prev: NoticeState, form: FormData): Promise<NoticeState> {
  const noticeId = text(form, "noticeId");
  await requireUser(page(noticeId));
  try {
    await api.recalls.recallNotices.reportRecallDeviceState({
      params: { noticeId },
      body: { installedId: text(form, "installedId"), state: text(form, "state"), note: opt(form, "note") },
    });
  } catch (e) {
    return refusal(e);
  }
  revalidatePath(page(noticeId));
  redirect(`${page(noticeId)}?done=reported`);
}
