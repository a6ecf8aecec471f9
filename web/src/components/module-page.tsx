import type { ReactNode } from "react";

/**
 * A module's page frame (its layout's markup): the organisation's name, the module's title and
 * introduction, anything the module adds under them (tabs), then the page itself.
 */
export function ModulePage({
  organisation,
  title,
  lead,
  extra,
  children,
}: {
  organisation: string;
  title: string;
  lead: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="page">
      <div className="page-header">
        <p className="eyebrow">{organisation}</p>
        <h1 className="page-title">{title}</h1>
        <p className="lead">{lead}</p>
        {extra}
      </div>
      {children}
    </div>
  );
}
