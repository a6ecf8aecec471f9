"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/auth";
import { api } from "@/server/api";
import { type Refusal, refusal, text } from "@/server/forms";

export type TaskState = { status: "idle" } | { status: "success" } | Refusal;
/** The resolution paths the route takes; the API refuses any other with a typed 400. */
type Resolution = Parameters<typeof api.earlyWarning.warningTasks.completeWarningTask>[0]["body"]["resolution"];

/** Completes a task on a resolution path, with what was done (the API requires both). */
export async function completeTask(_prev: TaskState, form: FormData): Promise<TaskState> {
  await requireUser("/tasks");
  try {
    await api.earlyWarning.warningTasks.completeWarningTask({
      params: { taskId: text(form, "taskId") },
      body: { resolution: text(form, "resolution") as Resolution, note: text(form, "note") },
    });
    revalidatePath("/tasks");
    return { status: "success" };
  } catch (e) {
    return refusal(e);
  }
}
