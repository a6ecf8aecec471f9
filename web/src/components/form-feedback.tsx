import { type Catalogue, errorMessage, fieldMessage } from "@/i18n";
import type { Refusal } from "@/server/forms";

/**
 * The outcome of a form action in the current language, announced to screen readers: the form's
 * own sentence on success (`done`), the API's refusal worded by its code, with the fields it named.
 */
export function FormFeedback<State extends { status: "idle" } | { status: "success" } | Refusal>({
  state,
  t,
  testId,
  done,
}: {
  state: State;
  t: Pick<Catalogue, "errors" | "fields">;
  testId: string;
  done: (success: Extract<State, { status: "success" }>) => string;
}) {
  if (state.status === "idle") return null;
  if (state.status === "success") {
    return (
      <p className="alert alert-success" role="status" data-testid={testId}>
        {done(state as Extract<State, { status: "success" }>)}
      </p>
    );
  }
  const refused = state as Refusal;
  const issues = [...new Set(refused.issues.map((i) => fieldMessage(t, i.path, i.message)))];
  return (
    <div className="alert alert-error" role="alert" data-testid={testId} data-code={refused.code}>
      <p>{errorMessage(t, refused.code, refused.apiMessage)}</p>
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
