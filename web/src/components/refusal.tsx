/** The API's refusal of a page's read, in the user's words, shown in place of the page. */
export function Refusal({ text }: { text: string }) {
  return (
    <p className="alert alert-error" role="alert">
      {text}
    </p>
  );
}

/** What the step just taken did (a form's action redirects here with `?done=<step>`). */
export function StepDone({ words }: { words: string | undefined }) {
  return words ? (
    <p className="alert alert-success" role="status" data-testid="step-done">
      {words}
    </p>
  ) : null;
}
