import type { ActionState } from "./actions";

/** The outcome of a form action, announced to screen readers. */
export function Feedback({ state, testId }: { state: ActionState; testId: string }) {
  if (state.status === "idle") return null;
  if (state.status === "success") {
    return (
      <p className="alert alert-success" role="status" data-testid={testId}>
        {state.message}
      </p>
    );
  }
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <p>{state.message}</p>
      {state.issues.length > 0 && (
        <ul className="issues">
          {state.issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
