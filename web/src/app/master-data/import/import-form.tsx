"use client";

import { useActionState } from "react";
import type { Catalogue } from "@/i18n";
import { errorMessage, format } from "@/i18n";
import type { Md } from "@/server/schemas";
import { type ImportState, runImport } from "./actions";

type Words = Pick<Catalogue, "md" | "errors">;

export function ImportForm({
  initialKey,
  columns,
  t,
}: {
  initialKey: string;
  columns: Record<"materials" | "suppliers" | "customers", readonly string[]>;
  t: Words;
}) {
  const [state, action, pending] = useActionState<ImportState, FormData>(runImport, {
    status: "idle",
    nextKey: initialKey,
  });
  const f = t.md.importForm;
  const report = state.status === "idle" ? undefined : state.report;
  return (
    <>
      <form action={action} className="form card" data-testid="import-form">
        <input type="hidden" name="idempotencyKey" value={state.nextKey} />
        <div className="field">
          <label htmlFor="import-kind">{f.kind}</label>
          <select id="import-kind" name="kind" defaultValue="materials">
            {(["materials", "suppliers", "customers"] as const).map((k) => (
              <option key={k} value={k}>
                {f.kinds[k]} — {format(f.columns, { columns: columns[k].join(", ") })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-mode">{f.mode}</label>
          <select id="import-mode" name="mode" defaultValue="dry-run">
            {(["dry-run", "all", "valid-only"] as const).map((m) => (
              <option key={m} value={m}>
                {f.modes[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-file">{f.file}</label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" />
        </div>
        <div className="field">
          <label htmlFor="import-csv">{f.csv}</label>
          <textarea id="import-csv" name="csv" rows={6} spellCheck={false} />
        </div>
        <button type="submit" className="button button-primary" disabled={pending}>
          {f.submit}
        </button>
      </form>
      {state.status === "error" && (
        <p className="alert alert-error" role="alert" data-testid="import-error">
          {state.code === "import-has-invalid-rows" && report
            ? format(f.refused, { invalid: report.summary.invalid })
            : errorMessage(t, state.code, state.apiMessage)}
        </p>
      )}
      {report && <ImportReport report={report} t={t} />}
    </>
  );
}

function ImportReport({ report, t }: { report: Md.ImportReport; t: Words }) {
  const f = t.md.importForm;
  const c = t.md.col;
  return (
    <section className="card" data-testid="import-report" data-committed={String(report.committed)}>
      <p className={`alert ${report.committed ? "alert-success" : "alert-info"}`} role="status">
        {report.committed ? f.committed : f.checked} {format(f.summary, report.summary)}
      </p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{c.line}</th>
              <th scope="col">{c.code}</th>
              <th scope="col">{c.action}</th>
              <th scope="col">{c.issues}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.line} data-testid="import-row" data-action={r.action}>
                <td>{r.line}</td>
                <td>{r.code ?? ""}</td>
                <td>
                  <span className={`badge badge-${r.action === "invalid" ? "disabled" : "active"}`}>
                    {f.actions[r.action]}
                  </span>
                </td>
                <td>
                  {r.issues.map((i) => (
                    <div key={`${i.field}:${i.message}`}>
                      <code>{i.field}</code>: {i.message}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
