import type { ReactNode } from "react";

export interface RecordRow {
  key: string;
  cells: ReactNode[];
  /** `data-*` attributes of the row (tests and styles find rows by them). */
  data?: Record<string, string | number>;
}

/**
 * A titled part of a record page: its table, or the empty sentence when it has no rows, then
 * anything the part adds (forms acting on it).
 */
export function RecordTable({
  title,
  empty,
  head,
  rows,
  testId,
  rowTestId,
  children,
}: {
  title: string;
  empty: string;
  head: string[];
  rows: RecordRow[];
  testId: string;
  rowTestId: string;
  children?: ReactNode;
}) {
  return (
    <section className="card">
      <h2 className="card-title">{title}</h2>
      {rows.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid={testId}>
            <thead>
              <tr>
                {head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.key}
                  data-testid={rowTestId}
                  {...Object.fromEntries(Object.entries(r.data ?? {}).map(([k, v]) => [`data-${k}`, v]))}
                >
                  {r.cells.map((c, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are positional
                    <td key={i}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {children}
    </section>
  );
}
