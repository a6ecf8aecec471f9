import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/auth";
import { Refusal, StepDone } from "@/components/refusal";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readRecord } from "@/server/read";
import { canRunCapa } from "../../access";
import { ownerWords } from "../../owner";
import { capaStep } from "../../record-actions";
import { StepForm } from "../../step-form";
import { Timeline } from "../../timeline";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.quality.tabs.capas} · ${t.quality.title}` };
}

const METHODS = ["5-why", "fishbone", "fault-tree", "other"] as const;
const CATEGORIES = ["man", "machine", "material", "method", "measurement", "environment"] as const;
const OWNERS = ["operator", "quality-engineer", "qc-inspector", "buyer", "planner", "warehouse", "admin"] as const;

/**
 * One CAPA and the step it is at: the root cause while investigating; its actions (added by
 * quality, finished by their owners) and the signed effectiveness check while implementing; the
 * signed closure once verified. Each form carries the revision it was read at.
 */
export default async function CapaPage({
  params,
  searchParams,
}: {
  params: Promise<{ capaId: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { capaId } = await params;
  const { done } = await searchParams;
  const { user } = await requireUser(`/quality/capas/${capaId}`);
  const { t, locale } = await getI18n();
  const q = t.quality;
  const w = q.capa;
  const read = await readRecord(t, api.quality.capas.getCapa({ params: { capaId } }));
  if (read.refusal !== undefined) return <Refusal text={read.refusal} />;
  const capa = read.value;
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const day = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium" });
  const dayOf = (d: string) => day.format(new Date(`${d}T12:00:00Z`));
  const steers = canRunCapa(user);
  const hidden = (intent: string) => ({ capaId: capa.capaId, rev: String(capa.rev), intent });
  const doneWords = w.done[done as keyof typeof w.done];
  const allDone = capa.actions.length > 0 && capa.actions.every((a) => a.status === "done");
  const lastCheck = capa.checks.at(-1);
  // The reports it investigates, by their numbers (a CAPA names a handful at most).
  const ncs = await Promise.all(
    capa.ncIds.map((ncId) => api.quality.nonconformances.getNonconformance({ params: { ncId } })),
  );
  return (
    <div className="stack" data-testid="capa" data-status={capa.status} data-capa={capa.capaId}>
      <p>
        <Link href="/quality/capas">← {w.back}</Link>
      </p>
      <StepDone words={doneWords} />
      <section className="card">
        <h2 className="card-title">
          {capa.capaNo} · {capa.title}
        </h2>
        <dl className="facts">
          <dt>{w.status}</dt>
          <dd data-testid="capa-status">{w.statuses[capa.status]}</dd>
          <dt>{w.kind}</dt>
          <dd>{w.kinds[capa.kind]}</dd>
          <dt>{w.owner}</dt>
          <dd>{ownerWords(capa.owner, t)}</dd>
          <dt>{w.due}</dt>
          <dd>
            {dayOf(capa.dueOn)}
            {capa.overdue && <span className="badge badge-severity-critical"> {w.overdue}</span>}
          </dd>
          <dt>{w.ncs}</dt>
          <dd>
            {ncs.length === 0
              ? "—"
              : ncs.map((nc, i) => (
                  <span key={nc.ncId}>
                    {i > 0 && ", "}
                    <Link href={`/quality/nonconformances/${nc.ncId}`}>{nc.ncNo}</Link>
                  </span>
                ))}
          </dd>
        </dl>
        <p>{capa.problem}</p>
      </section>

      <section className="card" aria-labelledby="root-cause-title">
        <h2 id="root-cause-title" className="card-title">
          {w.rootCause.title}
        </h2>
        {capa.rootCause ? (
          <dl className="facts" data-testid="root-cause">
            <dt>{w.rootCause.method}</dt>
            <dd>
              {w.rootCause.methods[capa.rootCause.method as keyof typeof w.rootCause.methods] ?? capa.rootCause.method}
            </dd>
            <dt>{w.rootCause.investigation}</dt>
            <dd>{capa.rootCause.investigation}</dd>
            <dt>{w.rootCause.category}</dt>
            <dd>{w.rootCause.categories[capa.rootCause.category]}</dd>
            <dt>{w.rootCause.cause}</dt>
            <dd>{capa.rootCause.rootCause}</dd>
          </dl>
        ) : (
          steers && (
            <StepForm
              action={capaStep}
              hidden={hidden("root-cause")}
              submit={w.rootCause.submit}
              testId="root-cause-form"
              t={t}
            >
              <div className="field">
                <label htmlFor="rc-method">{w.rootCause.method}</label>
                <select id="rc-method" name="method" defaultValue="5-why">
                  {METHODS.map((m) => (
                    <option key={m} value={m}>
                      {w.rootCause.methods[m]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="rc-investigation">{w.rootCause.investigation}</label>
                <textarea id="rc-investigation" name="investigation" required minLength={5} maxLength={4000} rows={3} />
              </div>
              <div className="field">
                <label htmlFor="rc-category">{w.rootCause.category}</label>
                <select id="rc-category" name="category" defaultValue="method">
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {w.rootCause.categories[c]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="rc-cause">{w.rootCause.cause}</label>
                <textarea id="rc-cause" name="rootCause" required minLength={5} maxLength={4000} rows={2} />
              </div>
            </StepForm>
          )
        )}
      </section>

      {capa.status !== "investigating" && (
        <section className="card" aria-labelledby="actions-title">
          <h2 id="actions-title" className="card-title">
            {w.actions.title}
          </h2>
          {capa.actions.length === 0 ? (
            <p className="hint">{w.actions.empty}</p>
          ) : (
            <ul className="plain-list" data-testid="capa-actions">
              {capa.actions.map((a, i) => (
                <li key={a.actionId} data-testid="capa-action" data-status={a.status}>
                  <strong>{a.description}</strong> · {ownerWords(a.owner, t)} · {w.actions.due} {dayOf(a.dueOn)} ·{" "}
                  {w.actions.statuses[a.status]}
                  {a.outcome && <p className="hint">{a.outcome}</p>}
                  {a.status === "open" && capa.status === "implementing" && (
                    <details className="disclosure">
                      <summary className="button button-small">{w.actions.complete}</summary>
                      <StepForm
                        action={capaStep}
                        hidden={{ ...hidden("action-done"), actionId: a.actionId }}
                        submit={w.actions.complete}
                        testId={`action-done-form-${i}`}
                        t={t}
                      >
                        <div className="field">
                          <label htmlFor={`outcome-${a.actionId}`}>{w.actions.outcome}</label>
                          <input id={`outcome-${a.actionId}`} name="outcome" required minLength={5} maxLength={4000} />
                        </div>
                      </StepForm>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          )}
          {capa.status === "implementing" && steers && (
            <details className="disclosure">
              <summary className="button">{w.actions.add}</summary>
              <StepForm
                action={capaStep}
                hidden={hidden("action-added")}
                submit={w.actions.add}
                testId="action-add-form"
                t={t}
              >
                <div className="field">
                  <label htmlFor="action-description">{w.actions.description}</label>
                  <input id="action-description" name="description" required minLength={5} maxLength={4000} />
                </div>
                <div className="field">
                  <label htmlFor="action-owner">{w.actions.owner}</label>
                  <select id="action-owner" name="owner" defaultValue="operator">
                    {OWNERS.map((r) => (
                      <option key={r} value={r}>
                        {t.roles[r]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="action-due">{w.actions.due}</label>
                  <input id="action-due" name="dueOn" type="date" required defaultValue={capa.dueOn} />
                </div>
              </StepForm>
            </details>
          )}
        </section>
      )}

      {(capa.status === "implementing" || capa.checks.length > 0) && (
        <section className="card" aria-labelledby="effectiveness-title">
          <h2 id="effectiveness-title" className="card-title">
            {w.effectiveness.title}
          </h2>
          {capa.checks.map((c) => (
            <div
              key={c.signatureId}
              className="alert alert-info"
              data-testid="capa-check"
              data-effective={String(c.effective)}
            >
              <p>
                <strong>{c.effective ? w.effectiveness.effective : w.effectiveness.notEffective}</strong> · {c.criteria}
              </p>
              <p>{c.evidence}</p>
              <p className="hint">{format(q.signedBy, { manifest: c.manifest })}</p>
            </div>
          ))}
          {capa.status === "implementing" && steers && !allDone && (
            <p className="hint">{w.effectiveness.needsActions}</p>
          )}
          {capa.status === "implementing" && steers && allDone && (
            <StepForm
              action={capaStep}
              hidden={hidden("effectiveness")}
              submit={w.effectiveness.submit}
              signed={{ title: w.effectiveness.title, meaning: w.effectiveness.meaning }}
              testId="effectiveness-form"
              t={t}
            >
              <div className="field">
                <label htmlFor="eff-criteria">{w.effectiveness.criteria}</label>
                <input
                  id="eff-criteria"
                  name="criteria"
                  required
                  minLength={5}
                  maxLength={4000}
                  defaultValue={lastCheck?.criteria}
                />
              </div>
              <div className="field">
                <label htmlFor="eff-evidence">{w.effectiveness.evidence}</label>
                <textarea id="eff-evidence" name="evidence" required minLength={5} maxLength={4000} rows={3} />
              </div>
              <fieldset className="field">
                <legend>{w.effectiveness.verdict}</legend>
                <label>
                  <input type="radio" name="effective" value="yes" required /> {w.effectiveness.effective}
                </label>{" "}
                <label>
                  <input type="radio" name="effective" value="no" /> {w.effectiveness.notEffective}
                </label>
              </fieldset>
            </StepForm>
          )}
        </section>
      )}

      {(capa.status === "verified" || capa.closure) && (
        <section className="card" aria-labelledby="closure-title">
          <h2 id="closure-title" className="card-title">
            {w.close.title}
          </h2>
          {capa.closure ? (
            <div className="alert alert-success" data-testid="capa-closure">
              <p>{capa.closure.summary}</p>
              <p className="hint">{format(q.signedBy, { manifest: capa.closure.manifest })}</p>
            </div>
          ) : (
            steers && (
              <StepForm
                action={capaStep}
                hidden={hidden("close")}
                submit={w.close.submit}
                signed={{ title: w.close.title, meaning: w.close.meaning }}
                testId="close-form"
                t={t}
              >
                <div className="field">
                  <label htmlFor="close-summary">{w.close.summary}</label>
                  <textarea id="close-summary" name="summary" required minLength={5} maxLength={4000} rows={2} />
                </div>
              </StepForm>
            )
          )}
        </section>
      )}
      <Timeline entries={capa.timeline} steps={w.steps} title={q.history} when={when} signedBy={q.signedBy} />
    </div>
  );
}
