import { type Catalogue, errorMessage, fieldMessage, format } from "@/i18n";
import type { ActionState } from "./actions";

export type FeedbackWords = Pick<Catalogue, "admin" | "errors" | "fields">;

/** The outcome of a form action in the current language, announced to screen readers. */
export function Feedback({ state, t, testId }: { state: ActionState; t: FeedbackWords; testId: string }) {
  if (state.status === "idle") return null;
  if (state.status === "success") {
    const template = {
      created: t.admin.create.success,
      roles: t.admin.editRoles.success,
      disabled: t.admin.disable.success,
      enabled: t.admin.enable.success,
    }[state.done];
    return (
      <p className="alert alert-success" role="status" data-testid={testId}>
        {format(template, { name: state.name })}
      </p>
    );
  }
  const issues = [...new Set(state.issues.map((i) => fieldMessage(t, i.path, i.message)))];
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <p>{errorMessage(t, state.code, state.apiMessage)}</p>
      {issues.length > 0 && (
        <ul className="issues">
          {issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
