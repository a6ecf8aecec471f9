import { FormFeedback } from "@/components/form-feedback";
import { type Catalogue, format } from "@/i18n";
import type { ActionState } from "./actions";

export type FeedbackWords = Pick<Catalogue, "admin" | "errors" | "fields">;

/** The outcome of a user-admin form in the current language. */
export function Feedback({ state, t, testId }: { state: ActionState; t: FeedbackWords; testId: string }) {
  return (
    <FormFeedback
      state={state}
      t={t}
      testId={testId}
      done={(s) =>
        format(
          {
            created: t.admin.create.success,
            roles: t.admin.editRoles.success,
            disabled: t.admin.disable.success,
            enabled: t.admin.enable.success,
            unlocked: t.admin.unlock.success,
          }[s.done],
          { name: s.name },
        )
      }
    />
  );
}
