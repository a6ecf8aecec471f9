import { FormFeedback } from "@/components/form-feedback";
import { type Catalogue, format } from "@/i18n";
import type { LinkState } from "./actions";

export type LinkWords = Pick<Catalogue, "links" | "errors" | "fields">;

/** The outcome of a link form in the current language. */
export function Feedback({ state, t, testId }: { state: LinkState; t: LinkWords; testId: string }) {
  return (
    <FormFeedback
      state={state}
      t={t}
      testId={testId}
      done={(s) =>
        format(
          {
            invited: t.links.invite.success,
            accepted: t.links.accept.success,
            refused: t.links.refuse.success,
            revoked: t.links.revoke.success,
          }[s.done],
          { name: s.name },
        )
      }
    />
  );
}
