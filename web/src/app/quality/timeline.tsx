import { format } from "@/i18n";

/** A quality record's history, oldest first: each step with who, when, what, and its signature. */
export function Timeline({
  entries,
  steps,
  title,
  when,
  signedBy,
}: {
  entries: { at: string; by: string; step: string; note?: string; signature?: string }[];
  steps: Record<string, string>;
  title: string;
  when: Intl.DateTimeFormat;
  signedBy: string;
}) {
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="card-title">
        {title}
      </h2>
      <ol className="plain-list" data-testid="timeline">
        {entries.map((e) => (
          <li key={`${e.at}-${e.step}`} data-step={e.step}>
            <time dateTime={e.at}>{when.format(new Date(e.at))}</time> · <strong>{steps[e.step] ?? e.step}</strong>
            {e.note && ` · ${e.note}`} <span className="hint">({e.by})</span>
            {e.signature && <p className="hint">{format(signedBy, { manifest: e.signature })}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
