import type { Metadata } from "next";
import { type Catalogue, errorMessage, format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { ApiError, publicApi } from "@/server/api";
import { type DocOperation, groupOperations, slug } from "./openapi";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.apiDocs.title };
}

/** The API's own OpenAPI document, fetched server-side on each visit, so it is never stale. */
export default async function ApiDocsPage() {
  const { t } = await getI18n();
  let doc: Awaited<ReturnType<typeof publicApi.openapi>>;
  try {
    doc = await publicApi.openapi();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return (
      <div className="page">
        <h1 className="page-title">{t.apiDocs.title}</h1>
        <div className="alert alert-error" role="alert">
          <p>{t.apiDocs.unavailable}</p>
          <p>{errorMessage(t, e.code, e.message)}</p>
        </div>
      </div>
    );
  }
  const groups = groupOperations(doc);
  const count = groups.reduce((n, g) => n + g.operations.length, 0);
  return (
    <div className="page api-docs" data-testid="api-docs">
      <div className="page-header">
        <p className="eyebrow">
          {doc.info.title} · {format(t.apiDocs.version, { version: doc.info.version })} · OpenAPI {doc.openapi}
        </p>
        <h1 className="page-title">{t.apiDocs.title}</h1>
        <p className="lead">{t.apiDocs.intro}</p>
      </div>
      <div className="docs-layout">
        <nav className="card docs-toc" aria-labelledby="toc-title">
          <h2 id="toc-title" className="card-title">
            {t.apiDocs.contents}
          </h2>
          <p className="hint">{format(t.apiDocs.routes, { count })}</p>
          <ul>
            {groups.map((g) => (
              <li key={g.tag}>
                <a href={`#tag-${slug(g.tag)}`}>{g.tag}</a> <span className="count">{g.operations.length}</span>
              </li>
            ))}
          </ul>
        </nav>
        <div className="docs-groups">
          {groups.map((g) => (
            <section key={g.tag} id={`tag-${slug(g.tag)}`} className="docs-group" aria-labelledby={`h-${slug(g.tag)}`}>
              <h2 id={`h-${slug(g.tag)}`} className="docs-tag">
                {g.tag}
              </h2>
              {g.description && <p className="panel-body">{g.description}</p>}
              {g.operations.map((o) => (
                <OperationCard key={`${o.method} ${o.path}`} o={o} t={t} />
              ))}
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}

function OperationCard({ o, t }: { o: DocOperation; t: Catalogue }) {
  const successes = o.responses.filter((r) => /^2/.test(r.status));
  const errors = o.responses.filter((r) => !/^2/.test(r.status));
  // Every error answer has the same body shape: show it once, not once per status.
  const shapes = new Set(errors.map((r) => JSON.stringify(r.schema)));
  const sharedErrorSchema = shapes.size === 1 ? errors[0]?.schema : undefined;
  return (
    <article className="card op" data-testid="api-operation">
      <header className="op-head">
        <span className={`method method-${o.method}`}>{o.method.toUpperCase()}</span>
        <code className="op-path">{o.path}</code>
      </header>
      <p className="op-summary">{o.op.summary ?? t.apiDocs.noSummary}</p>
      {o.op.description && <p className="panel-body">{o.op.description}</p>}
      {o.roles && (
        <p className="op-roles">
          <span className="role-line-label">{t.apiDocs.roles}:</span>{" "}
          {o.roles === "public" ? (
            <span className="chip chip-public">{t.apiDocs.public}</span>
          ) : Object.keys(t.roles).every((r) => o.roles?.includes(r)) ? (
            <span className="chip">{t.apiDocs.anyRole}</span>
          ) : (
            <span className="chips">
              {o.roles.map((r) => (
                <span key={r} className="chip" title={r}>
                  {r in t.roles ? t.roles[r as keyof Catalogue["roles"]] : r}
                </span>
              ))}
            </span>
          )}
        </p>
      )}
      {o.parameters.length > 0 && (
        <div className="op-params">
          <h3 className="op-sub">{t.apiDocs.parameters}</h3>
          <ul>
            {o.parameters.map((p) => (
              <li key={`${p.in}:${p.name}`}>
                <code>{p.name}</code> <span className="hint">({p.in})</span>
                {p.required && <span aria-hidden="true"> *</span>}
                {p.description && <> — {p.description}</>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {o.request !== undefined && <Schema title={t.apiDocs.requestBody} schema={o.request} />}
      {successes.map((r) => (
        <Schema
          key={r.status}
          title={`${format(t.apiDocs.response, { status: r.status })}${r.description ? ` — ${r.description}` : ""}`}
          schema={r.schema}
        />
      ))}
      {errors.length > 0 && (
        <div className="op-errors">
          <h3 className="op-sub">{t.apiDocs.errors}</h3>
          <ul className="op-error-list">
            {errors.map((r) => (
              <li key={r.status}>
                <code>{r.status}</code> {r.description}
              </li>
            ))}
          </ul>
          {sharedErrorSchema !== undefined && <Schema title={t.apiDocs.errorBody} schema={sharedErrorSchema} />}
        </div>
      )}
    </article>
  );
}

function Schema({ title, schema }: { title: string; schema: unknown }) {
  if (schema === undefined) return <p className="op-response-plain">{title}</p>;
  return (
    <details className="schema">
      <summary className="schema-summary">{title}</summary>
      <pre className="code">
        <code>{JSON.stringify(schema, null, 2)}</code>
      </pre>
    </details>
  );
}
