"use client";

import { useActionState } from "react";
import { FormFeedback } from "@/components/form-feedback";
import type { Catalogue } from "@/i18n";
import { completeTask, type TaskState } from "./actions";

/** Completing a task: which resolution path it took, and what was done. */
export function CompleteForm({ taskId, t }: { taskId: string; t: Pick<Catalogue, "tasks" | "errors" | "fields"> }) {
  const [state, action, pending] = useActionState<TaskState, FormData>(completeTask, { status: "idle" });
  const w = t.tasks;
  return (
    <details className="disclosure">
      <summary className="button button-small">{w.complete}</summary>
      <form action={action} className="disclosure-body">
        <input type="hidden" name="taskId" value={taskId} />
        <div className="field">
          <label htmlFor={`resolution-${taskId}`}>{w.resolution}</label>
          <select id={`resolution-${taskId}`} name="resolution" required>
            {(Object.keys(w.resolutions) as (keyof typeof w.resolutions)[]).map((r) => (
              <option key={r} value={r}>
                {w.resolutions[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`note-${taskId}`}>{w.note}</label>
          <input id={`note-${taskId}`} name="note" required minLength={3} maxLength={500} />
        </div>
        <button type="submit" className="button button-primary" disabled={pending}>
          {w.completeSubmit}
        </button>
        <FormFeedback state={state} t={t} testId="task-feedback" done={() => ""} />
      </form>
    </details>
  );
}
