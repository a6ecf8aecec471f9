import { type Catalogue, errorMessage, fieldMessage, format } from "@/i18n";
import type { InvState } from "./actions";

export type InvWords = Pick<Catalogue, "inventory" | "errors" | "fields">;

/** The outcome of an inventory form in the current language, announced to screen readers. */
export function InvFeedback({ state, t, testId }: { state: InvState; t: InvWords; testId: string }) {
  if (state.status === "idle") return null;
  const w = t.inventory;
  if (state.status === "success") {
    const kind = String(state.vars.kind ?? "");
    const message = {
      move: format(w.moves.done, {
        kind: Object.hasOwn(w.kinds, kind) ? w.kinds[kind as keyof typeof w.kinds] : kind,
        lines: state.vars.lines ?? 0,
      }),
      hold: format(w.lotPage.held, state.vars),
      release: format(w.lotPage.releasedDone, state.vars),
      count: format(w.counts.entered, state.vars),
      posted: w.counts.posted,
    }[state.done];
    return (
      <p className="alert alert-success" role="status" data-testid={testId}>
        {message}
      </p>
    );
  }
  const issues = [...new Set(state.issues.map((i) => fieldMessage(t, i.path, i.message)))];
  return (
    <div className="alert alert-error" role="alert" data-testid={testId} data-code={state.code}>
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
