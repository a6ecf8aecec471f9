"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/auth";
import { api } from "@/server/api";
import { type Refusal, refusal, text } from "@/server/forms";

export type TaskState = { status: "idle" } | Refusal;
/** The resolution paths the route takes; the API refuses any other with a typed 400. */
type Resolution = Parameters<typeof api.earlyWarning.warningTasks.completeWarningTask>[0]["body"]["resolution"];

/**
 * Completes a task on a resolution path, with what was done (the API requires both). A completed
 * task leaves the list with its form, so the page itself says it was done.
 */
export async function completeTask(_prev: TaskState, form: FormData): Promise<TaskState> {
  await requireUser("/tasks");
  try {
    await api.earlyWarning.warningTasks.completeWarningTask({
      params: { taskId: text(form, "taskId") },
      body: { resolution: text(form, "resolution") as Resolution, note: text(form, "note") },
    });
  } catch (e) {
    return refusal(e);
  }
  revalidatePath("/tasks");
  redirect("/tasks?completed=1");
}
