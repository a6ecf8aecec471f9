import type { Metadata } from "next";
import Link from "next/link";
import { canDecideCases } from "@/app/complaints/access";
import { requireUser } from "@/auth";
import { Refusal, StepDone } from "@/components/refusal";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readRecord } from "@/server/read";
import { caseStep } from "../../post-market-actions";
import { StepForm } from "../../step-form";
import { urgencyOf } from "../clocks";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t.quality.tabs.complaints} · ${t.quality.title}` };
}

const REGIMES = ["fda-mdr", "eu-mdr"] as const;

/** One complaint received: the device and event, the reportability decision and its clocks, the investigation. */
export default async function ComplaintCasePage({
  params,
  searchParams,
}: {
  params: Promise<{ complaintId: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { complaintId } = await params;
  const { done } = await searchParams;
  const { user } = await requireUser(`/quality/complaints/${complaintId}`);
  const { t, locale } = await getI18n();
  const pm = t.postMarket;
  const w = pm.cases;
  const read = await readRecord(t, api.complaints.complaintsReceived.getComplaintCase({ params: { complaintId } }));
  if (read.refusal !== undefined) return <Refusal text={read.refusal} />;
  const c = read.value;
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const now = Date.now();
  const steers = canDecideCases(user) && c.status !== "closed";
  const hidden = (intent: string) => ({ complaintId: c.complaintId, intent });
  const doneWords = w.done[done as keyof typeof w.done];
  const running = c.clocks.filter((k) => !k.submittedAt);
  return (
    <div className="stack" data-testid="case" data-status={c.status}>
      <p>
        <Link href="/quality/complaints">← {w.back}</Link>
      </p>
      <StepDone words={doneWords} />
      <section className="card">
        <h2 className="card-title">
          {pm.kinds[c.kind]} · {c.hospitalName} · {c.device.model} {c.device.serialNo}
        </h2>
        <dl className="facts">
          <dt>{w.status}</dt>
          <dd data-testid="case-status">{w.statuses[c.status]}</dd>
          <dt>{w.aware}</dt>
          <dd>{when.format(new Date(c.awareAt))}</dd>
          <dt>{pm.complaints.eventDate}</dt>
          <dd>{c.eventDate}</dd>
          <dt>{pm.complaints.patient}</dt>
          <dd>{pm.patients[c.patientInvolvement]}</dd>
          <dt>{w.device}</dt>
          <dd>
            {c.device.udiHri}
            {c.deviceOutOfService && ` · ${pm.complaints.outOfService}`}
          </dd>
          <dt>{pm.complaints.reporter}</dt>
          <dd>{c.reporter}</dd>
        </dl>
        <p>{c.description}</p>
      </section>

      <section className="card" aria-labelledby="clocks-title">
        <h2 id="clocks-title" className="card-title">
          {w.clocks}
        </h2>
        {c.decision && (
          <p data-testid="case-decision">
            {format(w.decision.made, {
              when: when.format(new Date(c.decision.at)),
              verdict: c.decision.reportable ? w.decision.yes : w.decision.no,
              rationale: c.decision.rationale,
            })}
          </p>
        )}
        {c.clocks.length === 0 ? (
          <p className="hint">{w.noClocks}</p>
        ) : (
          <ul className="plain-list" data-testid="case-clocks">
            {c.clocks.map((k) => {
              const urgency = urgencyOf(k, now);
              return (
                <li key={k.regime} data-testid="case-clock" data-regime={k.regime} data-urgency={urgency ?? "running"}>
                  <strong>{pm.regimes[k.regime]}</strong> ·{" "}
                  {format(w.clockDays, { days: k.days, unit: w.units[k.unit] })} ·{" "}
                  {k.submittedAt
                    ? format(w.submitted, { when: when.format(new Date(k.submittedAt)), reference: k.reference ?? "" })
                    : format(w.due, { when: when.format(new Date(k.dueAt)) })}
                  {urgency && (
                    <span className="badge badge-severity-critical">
                      {" "}
                      {urgency === "overdue" ? w.overdue : w.dueSoon}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {steers && !c.decision && (
          <StepForm
            action={caseStep}
            hidden={hidden("decided")}
            submit={w.decision.submit}
            testId="decision-form"
            t={t}
          >
            <fieldset className="field">
              <legend>{w.decision.title}</legend>
              <label>
                <input type="checkbox" name="reportable" /> {w.decision.reportable}
              </label>
              {REGIMES.map((r) => (
                <label key={r}>
                  <input type="checkbox" name="regime" value={r} /> {pm.regimes[r]}
                </label>
              ))}
              <label>
                <input type="checkbox" name="remedialAction" /> {w.decision.remedial}
              </label>
              <label>
                <input type="checkbox" name="deathOrSeriousDeterioration" /> {w.decision.death}
              </label>
              <label>
                <input type="checkbox" name="publicHealthThreat" /> {w.decision.threat}
              </label>
            </fieldset>
            <div className="field">
              <label htmlFor="decision-rationale">{w.decision.rationale}</label>
              <textarea id="decision-rationale" name="rationale" required minLength={3} maxLength={500} rows={2} />
            </div>
          </StepForm>
        )}
        {steers && running.length > 0 && (
          <details className="disclosure">
            <summary className="button">{w.submission.title}</summary>
            <StepForm
              action={caseStep}
              hidden={hidden("submitted")}
              submit={w.submission.submit}
              testId="submission-form"
              t={t}
            >
              <div className="field">
                <label htmlFor="submission-regime">{w.submission.regime}</label>
                <select id="submission-regime" name="regime">
                  {running.map((k) => (
                    <option key={k.regime} value={k.regime}>
                      {pm.regimes[k.regime]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="submission-reference">{w.submission.reference}</label>
                <input id="submission-reference" name="reference" required maxLength={60} />
              </div>
            </StepForm>
          </details>
        )}
      </section>

      <section className="card" aria-labelledby="notes-title">
        <h2 id="notes-title" className="card-title">
          {w.notes.title}
        </h2>
        <ol className="plain-list" data-testid="case-notes">
          {c.notes.map((n) => (
            <li key={`${n.at}-${n.by}`}>
              <time dateTime={n.at}>{when.format(new Date(n.at))}</time> · {n.text}{" "}
              <span className="hint">({n.by})</span>
            </li>
          ))}
        </ol>
        {steers && (
          <StepForm action={caseStep} hidden={hidden("noted")} submit={w.notes.submit} testId="note-form" t={t}>
            <div className="field">
              <label htmlFor="note-text">{w.notes.text}</label>
              <textarea id="note-text" name="text" required maxLength={4000} rows={2} />
            </div>
          </StepForm>
        )}
        {steers && c.decision && (
          <details className="disclosure">
            <summary className="button button-small button-danger-quiet">{w.close.title}</summary>
            <StepForm
              action={caseStep}
              hidden={hidden("closed")}
              submit={w.close.submit}
              testId="case-close-form"
              t={t}
            >
              <div className="field">
                <label htmlFor="close-reason">{w.close.reason}</label>
                <input id="close-reason" name="reason" required minLength={3} maxLength={500} />
              </div>
            </StepForm>
          </details>
        )}
        {c.closeReason && <p className="hint">{c.closeReason}</p>}
      </section>
    </div>
  );
}
