import { FormFeedback } from "@/components/form-feedback";
import { type Catalogue, format } from "@/i18n";
import type { InvState } from "./actions";

export type InvWords = Pick<Catalogue, "inventory" | "errors" | "fields">;

/** The outcome of an inventory form in the current language. */
export function InvFeedback({ state, t, testId }: { state: InvState; t: InvWords; testId: string }) {
  const w = t.inventory;
  return (
    <FormFeedback
      state={state}
      t={t}
      testId={testId}
      done={(s) => {
        const kind = String(s.vars.kind ?? "");
        return {
          move: format(w.moves.done, {
            kind: Object.hasOwn(w.kinds, kind) ? w.kinds[kind as keyof typeof w.kinds] : kind,
            lines: s.vars.lines ?? 0,
          }),
          hold: format(w.lotPage.held, s.vars),
          release: format(w.lotPage.releasedDone, s.vars),
          count: format(w.counts.entered, s.vars),
          posted: w.counts.posted,
        }[s.done];
      }}
    />
  );
}
