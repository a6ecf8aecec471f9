import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requireUser } from "@/auth";
import { Refusal } from "@/components/refusal";
import { SpcChart } from "@/components/spc-chart";
import { format } from "@/i18n";
import { getI18n } from "@/i18n/server";
import { api } from "@/server/api";
import { readRecord } from "@/server/read";
import { canCloseAlerts, canRaiseNc } from "../../access";
import { AlertActions } from "../../alert-actions";
import { GradeBadge } from "../../grade-badge";
import { raiseNc } from "../../record-actions";
import { StepForm } from "../../step-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t.quality.title };
}

/** The SPC evidence of a firing (shared/src/early-warning/evaluate.ts `Evidence`), read defensively. */
const SpcEvidence = z.object({
  kind: z.literal("spc"),
  limits: z.object({ mean: z.number(), sigma: z.number() }),
  series: z.array(z.number()),
  violations: z.array(z.object({ rule: z.number(), indices: z.array(z.number()) })),
});
const Firing = z.object({ values: z.array(z.number()).default([]), evidence: z.unknown() });

/** The severity a report raised from an alert starts at, by the alert's grade. */
const SEVERITY_OF = { info: "minor", warning: "major", critical: "critical" } as const;

/** One alert: its latest firing's evidence (the control chart with the flagged points), and what to do. */
export default async function AlertPage({ params }: { params: Promise<{ alertId: string }> }) {
  const { alertId } = await params;
  const { user } = await requireUser(`/quality/alerts/${alertId}`);
  const { t, locale } = await getI18n();
  const q = t.quality;
  const w = q.alert;
  const read = await readRecord(t, api.earlyWarning.warningAlerts.getWarningAlert({ params: { alertId } }));
  if (read.refusal !== undefined) return <Refusal text={read.refusal} />;
  const alert = read.value;
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  // The one report raised from this alert, if any (the API derives it from the alert).
  const raised = (await api.quality.nonconformances.listNonconformances({ query: { alertId } })).items[0];
  const firing = Firing.safeParse(alert.firing);
  const spc = firing.success ? SpcEvidence.safeParse(firing.data.evidence) : undefined;
  const flagged = spc?.success ? [...new Set(spc.data.violations.flatMap((v) => v.indices))].sort((a, b) => a - b) : [];
  return (
    <div className="stack" data-testid="alert" data-status={alert.status} data-grade={alert.grade}>
      <p>
        <Link href="/quality">← {w.back}</Link>
      </p>
      <section className="card">
        <h2 className="card-title">
          <GradeBadge grade={alert.grade} t={q} /> {alert.ruleName}
        </h2>
        <dl className="facts">
          <dt>{q.subject}</dt>
          <dd>{alert.subject}</dd>
          <dt>{q.status}</dt>
          <dd data-testid="alert-status">{q.statuses[alert.status]}</dd>
          <dt>{w.raised}</dt>
          <dd>{when.format(new Date(alert.raisedAt))}</dd>
          <dt>{q.fired}</dt>
          <dd>{format(q.times, { count: alert.count, when: when.format(new Date(alert.lastSeenAt)) })}</dd>
          <dt>{q.deadline}</dt>
          <dd>{when.format(new Date(alert.deadline))}</dd>
          <dt>{q.owner}</dt>
          <dd>
            {alert.assignee}
            {alert.level > 0 && ` · ${format(q.level, { level: alert.level })}`}
          </dd>
          {firing.success && firing.data.values.length > 0 && (
            <>
              <dt>{w.values}</dt>
              <dd>{firing.data.values.join(", ")}</dd>
            </>
          )}
        </dl>
        {alert.hold && (
          <p className={`alert ${alert.hold.status === "not-in-stock" ? "alert-info" : "alert-error"}`}>
            {format(alert.hold.status === "not-in-stock" ? w.notHeld : w.held, { lot: alert.hold.lotNo })}
          </p>
        )}
        {alert.closeReason && <p className="hint">{format(w.closedBecause, { reason: alert.closeReason })}</p>}
        <AlertActions
          alertId={alert.alertId}
          status={alert.status}
          mayClose={canCloseAlerts(user)}
          t={{ quality: q, errors: t.errors, fields: t.fields }}
        />
      </section>
      <section className="card" aria-labelledby="nc-title">
        <h2 id="nc-title" className="card-title">
          {q.nc.fromAlert}
        </h2>
        {raised ? (
          <p data-testid="alert-nc">
            <Link href={`/quality/nonconformances/${raised.ncId}`}>
              {format(q.nc.fromAlertDone, { ncNo: raised.ncNo })}
            </Link>
          </p>
        ) : (
          canRaiseNc(user) && (
            <>
              <p className="hint">{q.nc.fromAlertHint}</p>
              <StepForm
                action={raiseNc}
                hidden={{ alertId: alert.alertId, idempotencyKey: crypto.randomUUID() }}
                submit={q.nc.submit}
                testId="nc-from-alert"
                t={t}
              >
                <div className="field">
                  <label htmlFor="nc-title-input">{q.nc.title}</label>
                  <input
                    id="nc-title-input"
                    name="title"
                    required
                    minLength={3}
                    maxLength={200}
                    defaultValue={`${alert.ruleName}: ${alert.subject}`.slice(0, 200)}
                  />
                </div>
                <div className="field">
                  <label htmlFor="nc-description-input">{q.nc.description}</label>
                  <textarea
                    id="nc-description-input"
                    name="description"
                    required
                    minLength={5}
                    maxLength={4000}
                    rows={3}
                  />
                </div>
                <div className="field">
                  <label htmlFor="nc-severity-input">{q.nc.severity}</label>
                  <select id="nc-severity-input" name="severity" defaultValue={SEVERITY_OF[alert.grade]}>
                    {(["minor", "major", "critical"] as const).map((s) => (
                      <option key={s} value={s}>
                        {q.severities[s]}
                      </option>
                    ))}
                  </select>
                </div>
              </StepForm>
            </>
          )
        )}
      </section>
      {spc?.success && (
        <section className="card" aria-labelledby="evidence-title">
          <h2 id="evidence-title" className="card-title">
            {w.evidence}
          </h2>
          <SpcChart
            values={spc.data.series}
            mean={spc.data.limits.mean}
            sigma={spc.data.limits.sigma}
            flagged={flagged}
            label={format(w.chart, { subject: alert.subject })}
            words={{ centre: w.centre, limits: w.limits, flagged: w.flagged }}
          />
          <ul className="plain-list" data-testid="violations">
            {spc.data.violations.map((v) => (
              <li key={`${v.rule}-${v.indices[0]}`}>
                {format(w.broken, { rule: v.rule, points: v.indices.map((i) => i + 1).join(", ") })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
