import type { ReactNode } from "react";

/** A titled section of a home page. `empty` is an honest empty state until the module exists. */
export function Panel({
  id,
  title,
  body,
  empty,
  children,
}: {
  id: string;
  title: string;
  body: string;
  empty?: string;
  children?: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid={`panel-${id}`}>
      <h2 id={`${id}-title`} className="panel-title">
        {title}
      </h2>
      <p className="panel-body">{body}</p>
      {empty && (
        <p className="empty-state">
          <span className="empty-icon" aria-hidden="true" />
          {empty}
        </p>
      )}
      {children}
    </section>
  );
}
