import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/auth";
import { Refusal, StepDone } from "@/components/refusal";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readRecord } from "@/server/read";
import { canDisposition, canRunCapa } from "../../access";
import { dispositionNc, openCapa } from "../../record-actions";
import { StepForm } from "../../step-form";
import { Timeline } from "../../timeline";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.quality.tabs.ncs} · ${t.quality.title}` };
}

const DISPOSITIONS = ["rework", "scrap", "use-as-is", "return-to-supplier", "no-product-affected"] as const;
const OWNERS = ["quality-engineer", "qc-inspector", "operator", "buyer", "planner", "warehouse", "admin"] as const;

/** One nonconformance report: what, where found (with the alert's evidence), its disposition and CAPA. */
export default async function NonconformancePage({
  params,
  searchParams,
}: {
  params: Promise<{ ncId: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { ncId } = await params;
  const { done } = await searchParams;
  const { user } = await requireUser(`/quality/nonconformances/${ncId}`);
  const { t, locale } = await getI18n();
  const q = t.quality;
  const w = q.nc;
  const read = await readRecord(t, api.quality.nonconformances.getNonconformance({ params: { ncId } }));
  if (read.refusal !== undefined) return <Refusal text={read.refusal} />;
  const nc = read.value;
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const source = nc.source as { kind: string; alertId?: string; ruleName?: string; count?: number; reference?: string };
  const doneWords = w.done[done as keyof typeof w.done];
  const capa = nc.capaId ? await api.quality.capas.getCapa({ params: { capaId: nc.capaId } }) : undefined;
  const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return (
    <div className="stack" data-testid="nc" data-status={nc.status} data-nc={nc.ncId}>
      <p>
        <Link href="/quality/nonconformances">← {w.back}</Link>
      </p>
      <StepDone words={doneWords} />
      <section className="card">
        <h2 className="card-title">
          {nc.ncNo} · {nc.title}
        </h2>
        <dl className="facts">
          <dt>{w.severity}</dt>
          <dd>{q.severities[nc.severity]}</dd>
          <dt>{w.subject}</dt>
          <dd>
            {q.subjectKinds[nc.subject.kind as keyof typeof q.subjectKinds] ?? nc.subject.kind}: {nc.subject.id}
          </dd>
          <dt>{w.source}</dt>
          <dd>
            {w.sources[source.kind as keyof typeof w.sources] ?? source.kind}
            {source.alertId && (
              <>
                {" · "}
                <Link href={`/quality/alerts/${source.alertId}`}>
                  {format(w.evidenceRule, { rule: source.ruleName ?? "", count: source.count ?? 1 })}
                </Link>
              </>
            )}
            {source.reference && ` · ${source.reference}`}
          </dd>
          {nc.quantity !== null && (
            <>
              <dt>{w.quantity}</dt>
              <dd>{nc.quantity}</dd>
            </>
          )}
          <dt>{w.status}</dt>
          <dd data-testid="nc-status">{w.statuses[nc.status]}</dd>
          <dt>{w.raised}</dt>
          <dd>
            {when.format(new Date(nc.raisedAt))} · {nc.raisedBy}
          </dd>
          <dt>{w.capa}</dt>
          <dd>{capa ? <Link href={`/quality/capas/${capa.capaId}`}>{capa.capaNo}</Link> : "—"}</dd>
        </dl>
        <p>{nc.description}</p>
        {nc.disposition && (
          <p className="alert alert-info" data-testid="nc-disposition">
            {format(w.disposition.decided, {
              disposition: w.disposition.options[nc.disposition.disposition],
              reason: nc.disposition.reason,
            })}
            <br />
            <span className="hint">{format(q.signedBy, { manifest: nc.disposition.manifest })}</span>
          </p>
        )}
      </section>
      {nc.status === "open" && canDisposition(user) && (
        <section className="card" aria-labelledby="disposition-title">
          <h2 id="disposition-title" className="card-title">
            {w.disposition.title}
          </h2>
          <StepForm
            action={dispositionNc}
            hidden={{ ncId: nc.ncId }}
            submit={w.disposition.submit}
            signed={{ title: w.disposition.title, meaning: w.disposition.meaning }}
            testId="nc-disposition-form"
            t={t}
          >
            <div className="field">
              <label htmlFor="disposition">{w.disposition.choose}</label>
              <select id="disposition" name="disposition" required defaultValue="rework">
                {DISPOSITIONS.map((d) => (
                  <option key={d} value={d}>
                    {w.disposition.options[d]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="disposition-reason">{w.disposition.reason}</label>
              <input id="disposition-reason" name="reason" required minLength={3} maxLength={500} />
            </div>
            <div className="field">
              <label htmlFor="disposition-concession">{w.disposition.concession}</label>
              <input id="disposition-concession" name="concessionNo" maxLength={60} />
            </div>
          </StepForm>
        </section>
      )}
      {!nc.capaId && canRunCapa(user) && (
        <section className="card" aria-labelledby="open-capa-title">
          <h2 id="open-capa-title" className="card-title">
            {q.capa.open.title}
          </h2>
          <p className="hint">{q.capa.open.hint}</p>
          <StepForm
            action={openCapa}
            hidden={{ ncId: nc.ncId, idempotencyKey: crypto.randomUUID() }}
            submit={q.capa.open.submit}
            testId="capa-open-form"
            t={t}
          >
            <div className="field">
              <label htmlFor="capa-kind">{q.capa.kind}</label>
              <select id="capa-kind" name="kind" defaultValue="corrective">
                <option value="corrective">{q.capa.kinds.corrective}</option>
                <option value="preventive">{q.capa.kinds.preventive}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="capa-title">{q.capa.title}</label>
              <input id="capa-title" name="title" required minLength={3} maxLength={200} defaultValue={nc.title} />
            </div>
            <div className="field">
              <label htmlFor="capa-problem">{q.capa.problem}</label>
              <textarea
                id="capa-problem"
                name="problem"
                required
                minLength={5}
                maxLength={4000}
                rows={3}
                defaultValue={nc.description}
              />
            </div>
            <div className="field">
              <label htmlFor="capa-owner">{q.capa.owner}</label>
              <select id="capa-owner" name="owner" defaultValue="quality-engineer">
                {OWNERS.map((r) => (
                  <option key={r} value={r}>
                    {t.roles[r]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="capa-due">{q.capa.due}</label>
              <input id="capa-due" name="dueOn" type="date" required defaultValue={inAMonth} />
            </div>
          </StepForm>
        </section>
      )}
      <Timeline entries={nc.timeline} steps={w.steps} title={q.history} when={when} signedBy={q.signedBy} />
    </div>
  );
}
