import type { ReactNode } from "react";
import type { Catalogue } from "@/i18n";
import { errorMessage } from "@/i18n";
import { ApiError } from "@/server/api";

/** One master-data table: a caption, column heads and rows; an empty list says so. */
export function DataTable({
  caption,
  head,
  rows,
  empty,
  testId,
}: {
  caption: string;
  head: string[];
  rows: { key: string; cells: ReactNode[]; attrs?: Record<string, string> }[];
  empty: string;
  testId: string;
}) {
  return (
    <section className="card">
      <div className="table-wrap">
        <table className="table" data-testid={testId}>
          <caption className="table-caption">{caption}</caption>
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
            {rows.length === 0 && (
              <tr>
                <td colSpan={head.length} className="empty-cell">
                  {empty}
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.key} {...r.attrs}>
                {r.cells.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <td key={i}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function StatusBadge({ status, t }: { status: "active" | "inactive"; t: Catalogue }) {
  return (
    <span className={`badge badge-${status === "active" ? "active" : "disabled"}`}>
      {status === "active" ? t.md.active : t.md.inactive}
    </span>
  );
}

/** Loads a page's data; an API refusal becomes the page's error message in the user's language. */
export async function loadOr<T>(t: Catalogue, load: () => Promise<T>): Promise<{ data: T } | { error: ReactNode }> {
  try {
    return { data: await load() };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return {
      error: (
        <p className="alert alert-error" role="alert">
          {errorMessage(t, e.code, e.message)}
        </p>
      ),
    };
  }
}
